//! A bounded load test of `POST /api/code`.
//!
//! ```text
//! cargo run --release -p dyad-server --example loadtest -- \
//!     [--requests 2000] [--concurrency 32] [--addr HOST:PORT] [--article FILE]
//! ```
//!
//! Without `--addr` it starts a server in this process on a loopback port
//! (default limits), so its memory is this process's: peak RSS is read from
//! `/proc/self/status` after a warm-up round and after the run. Each client
//! task keeps one HTTP/1.1 connection alive and sends the article as JSON
//! `{text, date}`; every answer must be 200 with a non-empty `events` list.
//! Prints requests/s and latency percentiles.

use dyad_core::KnowledgeBase;
use dyad_server::{AppState, Limits};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

struct Options {
    requests: usize,
    concurrency: usize,
    addr: Option<SocketAddr>,
    article: String,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        requests: 2000,
        concurrency: 32,
        addr: None,
        article: concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/seed-article.txt"
        )
        .into(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a}: missing value"));
        match a.as_str() {
            "--requests" => o.requests = value()?.parse().map_err(|e| format!("{a}: {e}"))?,
            "--concurrency" => o.concurrency = value()?.parse().map_err(|e| format!("{a}: {e}"))?,
            "--addr" => o.addr = Some(value()?.parse().map_err(|e| format!("{a}: {e}"))?),
            "--article" => o.article = value()?,
            _ => return Err(format!("unknown argument {a:?}")),
        }
    }
    if o.requests == 0 || o.concurrency == 0 {
        return Err("--requests and --concurrency must be positive".into());
    }
    Ok(o)
}

/// One keep-alive connection: sends `body` to `/api/code`, returns the
/// status and the response body.
struct Client {
    conn: BufReader<TcpStream>,
    request: Vec<u8>,
}

impl Client {
    async fn connect(addr: SocketAddr, body: &str) -> std::io::Result<Client> {
        let mut request = format!(
            "POST /api/code HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        request.extend_from_slice(body.as_bytes());
        Ok(Client {
            conn: BufReader::new(TcpStream::connect(addr).await?),
            request,
        })
    }

    async fn send(&mut self) -> std::io::Result<(u16, Vec<u8>)> {
        self.conn.get_mut().write_all(&self.request).await?;
        let mut line = String::new();
        self.conn.read_line(&mut line).await?;
        let status = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
        let mut length = None;
        loop {
            line.clear();
            if self.conn.read_line(&mut line).await? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            let h = line.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse::<usize>().ok();
                }
            }
        }
        let n = length.ok_or_else(|| std::io::Error::other("no Content-Length"))?;
        let mut body = vec![0; n];
        self.conn.read_exact(&mut body).await?;
        Ok((status, body))
    }
}

/// Peak and current resident memory of this process, in MiB.
fn memory() -> Option<(f64, f64)> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib = |key: &str| -> Option<f64> {
        let line = s.lines().find(|l| l.starts_with(key))?;
        line.split_whitespace().nth(1)?.parse::<f64>().ok()
    };
    Some((kib("VmHWM:")? / 1024.0, kib("VmRSS:")? / 1024.0))
}

/// Sends `total` requests over `concurrency` connections; returns every
/// latency and the number of failed requests.
async fn round(
    addr: SocketAddr,
    body: Arc<String>,
    total: usize,
    concurrency: usize,
) -> (Vec<Duration>, usize) {
    let per = move |i: usize| total / concurrency + usize::from(i < total % concurrency);
    let tasks: Vec<_> = (0..concurrency)
        .map(|i| {
            let body = body.clone();
            tokio::spawn(async move {
                let mut lat = Vec::new();
                let mut failed = 0;
                let mut client = Client::connect(addr, &body).await.ok();
                for _ in 0..per(i) {
                    let t = Instant::now();
                    let ok = match client.as_mut() {
                        Some(c) => match c.send().await {
                            Ok((200, b)) => serde_json::from_slice::<serde_json::Value>(&b)
                                .ok()
                                .and_then(|v| v["events"].as_array().map(|e| !e.is_empty()))
                                .unwrap_or(false),
                            _ => false,
                        },
                        None => false,
                    };
                    lat.push(t.elapsed());
                    if !ok {
                        failed += 1;
                        client = Client::connect(addr, &body).await.ok();
                    }
                }
                (lat, failed)
            })
        })
        .collect();
    let mut all = Vec::with_capacity(total);
    let mut failed = 0;
    for t in tasks {
        match t.await {
            Ok((lat, f)) => {
                all.extend(lat);
                failed += f;
            }
            Err(_) => failed += total / concurrency,
        }
    }
    (all, failed)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() -> std::process::ExitCode {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("loadtest: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let text = match std::fs::read_to_string(&o.article) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("loadtest: cannot read {}: {e}", o.article);
            return std::process::ExitCode::from(2);
        }
    };
    let body = Arc::new(serde_json::json!({"text": text, "date": "2020-10-20"}).to_string());
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("loadtest: cannot start a runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let in_process = o.addr.is_none();
    let failed = rt.block_on(async move {
        let addr = match o.addr {
            Some(a) => a,
            None => {
                let state = Arc::new(AppState::new(
                    KnowledgeBase::embedded(),
                    None,
                    None,
                    Limits::default(),
                ));
                let l = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
                let addr = l.local_addr()?;
                tokio::spawn(dyad_server::serve(l, state));
                addr
            }
        };
        let warm = o.concurrency.min(o.requests);
        let (_, f) = round(addr, body.clone(), warm, o.concurrency).await;
        let after_warmup = memory().filter(|_| in_process);
        let t = Instant::now();
        let (mut lat, failed) = round(addr, body, o.requests, o.concurrency).await;
        let secs = t.elapsed().as_secs_f64();
        lat.sort();
        println!(
            "{} requests to POST /api/code at concurrency {} ({} bytes each): {} failed",
            o.requests,
            o.concurrency,
            text.len(),
            failed + f
        );
        println!(
            "{:.0} requests/s; latency ms p50 {:.1}, p90 {:.1}, p99 {:.1}, max {:.1}",
            o.requests as f64 / secs,
            percentile(&lat, 0.5),
            percentile(&lat, 0.9),
            percentile(&lat, 0.99),
            percentile(&lat, 1.0)
        );
        if let (Some((_, rss0)), Some((peak, rss))) = (after_warmup, memory()) {
            println!(
                "memory (server and client): RSS {rss0:.0} MiB after warm-up, {rss:.0} MiB after the run, peak {peak:.0} MiB"
            );
        }
        std::io::Result::Ok(failed + f)
    });
    match failed {
        Ok(0) => std::process::ExitCode::SUCCESS,
        Ok(n) => {
            eprintln!("loadtest: {n} request(s) failed");
            std::process::ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("loadtest: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
