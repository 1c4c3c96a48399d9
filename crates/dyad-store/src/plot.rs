//! Trend charts with `plotters`: a line chart of the Goldstein score (summed,
//! left axis; mean, right axis) above stacked event counts by quad class.
//!
//! PNG text is drawn with DejaVu Sans, embedded from the `dejavu` crate
//! (Bitstream Vera licence with DejaVu changes in the public domain), so no
//! system font is needed at run time. SVG names the `sans-serif` family and
//! leaves drawing the text to the viewer.

use crate::trend::{Period, TrendRow};
use crate::{Result, StoreError};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::error::Error;
use std::path::Path;
use std::sync::Once;

/// Chart size in pixels.
pub const SIZE: (u32, u32) = (1200, 780);

/// Quad class names and colours, quad class 1 first.
const QUADS: [(&str, RGBColor); 4] = [
    ("verbal cooperation", RGBColor(143, 209, 143)),
    ("material cooperation", RGBColor(46, 139, 87)),
    ("verbal conflict", RGBColor(244, 162, 89)),
    ("material conflict", RGBColor(209, 73, 91)),
];

const SUM_COLOR: RGBColor = RGBColor(31, 78, 140);
const MEAN_COLOR: RGBColor = RGBColor(120, 120, 120);

/// What to draw.
#[derive(Debug, Clone)]
pub struct Chart<'a> {
    /// Title, e.g. `IRN – USA`.
    pub title: String,
    /// The series, one row per period.
    pub rows: &'a [TrendRow],
    /// Period length, for the axis label.
    pub period: Period,
    /// What is counted (`event clusters`, `events`), for the axis label.
    pub counted: &'a str,
}

/// Writes the chart as a PNG file.
pub fn png(path: &Path, chart: &Chart) -> Result<()> {
    register_fonts();
    let (w, h) = SIZE;
    let mut buf = vec![0u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        draw(&root, chart).map_err(plot_err)?;
        root.present().map_err(plot_err)?;
    }
    let file = std::fs::File::create(path)
        .map_err(|e| StoreError::io(format!("cannot create {}", path.display()), e))?;
    let mut enc = png::Encoder::new(std::io::BufWriter::new(file), w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc
        .write_header()
        .map_err(|e| StoreError::Plot(e.to_string()))?;
    writer
        .write_image_data(&buf)
        .map_err(|e| StoreError::Plot(e.to_string()))?;
    writer.finish().map_err(|e| StoreError::Plot(e.to_string()))
}

/// Writes the chart as an SVG file.
pub fn svg(path: &Path, chart: &Chart) -> Result<()> {
    register_fonts();
    let root = SVGBackend::new(path, SIZE).into_drawing_area();
    draw(&root, chart).map_err(plot_err)?;
    root.present().map_err(plot_err)
}

fn plot_err(e: impl std::fmt::Display) -> StoreError {
    StoreError::Plot(e.to_string())
}

/// Registers the embedded DejaVu Sans as `sans-serif`, once.
fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Only fails on a malformed font file, which the crate does not ship.
        let _ = plotters::style::register_font(
            "sans-serif",
            FontStyle::Normal,
            dejavu::sans::regular(),
        );
        let _ = plotters::style::register_font("sans-serif", FontStyle::Bold, dejavu::sans::bold());
    });
}

type DrawResult = std::result::Result<(), Box<dyn Error>>;

fn draw<DB>(root: &DrawingArea<DB, Shift>, chart: &Chart) -> DrawResult
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let title_style = ("sans-serif", 28).into_font().style(FontStyle::Bold);
    let root = root.margin(8, 0, 0, 0).titled(&chart.title, title_style)?;
    let (top, bottom) = root.split_vertically(SIZE.1 * 2 / 5);
    let n = chart.rows.len().max(1);
    let labels: Vec<&str> = chart.rows.iter().map(|r| r.period.as_str()).collect();
    let x_range = -0.5f64..(n as f64 - 0.5);
    let label_of = |x: &f64| -> String {
        let i = x.round();
        if (x - i).abs() > 1e-6 || i < 0.0 {
            return String::new();
        }
        labels
            .get(i as usize)
            .map(|s| s.to_string())
            .unwrap_or_default()
    };
    let x_labels = n.min(12);
    let x_desc = match chart.period {
        Period::Day => "day",
        Period::Week => "week (starting Monday)",
        Period::Month => "month",
    };

    // Goldstein: summed on the left axis, mean on the right.
    let sums: Vec<f64> = chart.rows.iter().map(|r| r.goldstein_sum).collect();
    let lo = sums.iter().copied().fold(0.0f64, f64::min);
    let hi = sums.iter().copied().fold(0.0f64, f64::max);
    let pad = ((hi - lo) * 0.1).max(1.0);
    let mut g = ChartBuilder::on(&top)
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(70)
        .right_y_label_area_size(70)
        .caption(
            format!(
                "Goldstein score per {} ({})",
                chart.period.name(),
                chart.counted
            ),
            ("sans-serif", 18),
        )
        .build_cartesian_2d(x_range.clone(), (lo - pad)..(hi + pad))?
        .set_secondary_coord(x_range.clone(), -10.5f64..10.5f64);
    g.configure_mesh()
        .x_labels(x_labels)
        .x_label_formatter(&label_of)
        .y_desc("summed Goldstein")
        .y_label_formatter(&|y: &f64| format!("{y:.0}"))
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 15))
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    g.configure_secondary_axes()
        .y_desc("mean Goldstein")
        .y_label_formatter(&|y: &f64| format!("{y:.0}"))
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 15))
        .draw()?;
    g.draw_series(LineSeries::new(
        [(-0.5, 0.0), (n as f64 - 0.5, 0.0)],
        BLACK.mix(0.4).stroke_width(1),
    ))?;
    let sum_points: Vec<(f64, f64)> = sums
        .iter()
        .enumerate()
        .map(|(i, s)| (i as f64, *s))
        .collect();
    g.draw_series(LineSeries::new(
        sum_points.clone(),
        SUM_COLOR.stroke_width(3),
    ))?
    .label("summed Goldstein (left)")
    .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], SUM_COLOR.stroke_width(3)));
    g.draw_series(
        sum_points
            .iter()
            .map(|&p| Circle::new(p, 3, SUM_COLOR.filled())),
    )?;
    let means: Vec<(f64, f64)> = chart
        .rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.goldstein_mean.map(|m| (i as f64, m)))
        .collect();
    g.draw_secondary_series(
        means
            .iter()
            .map(|&p| Cross::new(p, 5, MEAN_COLOR.stroke_width(2))),
    )?
    .label("mean Goldstein (right)")
    .legend(|(x, y)| Cross::new((x + 10, y), 5, MEAN_COLOR.stroke_width(2)));
    g.configure_series_labels()
        .position(SeriesLabelPosition::LowerLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .label_font(("sans-serif", 14))
        .draw()?;

    // Stacked counts by quad class.
    let max_total = chart.rows.iter().map(|r| r.total).max().unwrap_or(0).max(1) as f64;
    let mut c = ChartBuilder::on(&bottom)
        .margin(12)
        .x_label_area_size(56)
        .y_label_area_size(70)
        .right_y_label_area_size(70)
        .caption(
            format!(
                "{} per {} by quad class",
                chart.counted,
                chart.period.name()
            ),
            ("sans-serif", 18),
        )
        .build_cartesian_2d(x_range.clone(), 0f64..(max_total * 1.15).ceil())?
        // An unused secondary axis keeps the right label area (aligned with
        // the chart above) free of a copy of the left labels.
        .set_secondary_coord(x_range, 0f64..1f64);
    c.configure_mesh()
        .x_labels(x_labels)
        .x_label_formatter(&label_of)
        .x_desc(x_desc)
        .y_desc(chart.counted)
        .y_label_formatter(&|y: &f64| format!("{y:.0}"))
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 15))
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    let width = 0.38;
    for (q, (name, color)) in QUADS.iter().enumerate() {
        let bars = chart.rows.iter().enumerate().filter_map(move |(i, r)| {
            let counts = r.quads();
            let below: u64 = counts[..q].iter().sum();
            (counts[q] > 0).then(|| {
                let x = i as f64;
                Rectangle::new(
                    [
                        (x - width, below as f64),
                        (x + width, (below + counts[q]) as f64),
                    ],
                    color.filled(),
                )
            })
        });
        let color = *color;
        c.draw_series(bars)?
            .label(*name)
            .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], color.filled()));
    }
    c.configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.3))
        .label_font(("sans-serif", 14))
        .draw()?;
    Ok(())
}
