//! `dyad serve`: the HTTP API and dashboard (see `dyad-server`).

use anyhow::{Context, Result};
use clap::Args;
use dyad_server::{AppState, Limits};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Arguments of `dyad serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The event store served by the store endpoints (and written by
    /// /api/ingest when a token is set; created then when missing).
    #[arg(long)]
    db: Option<PathBuf>,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Bearer token for write endpoints; without one the server is read-only.
    #[arg(long, env = "DYAD_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Directory of extra knowledge-base files (same formats as data/).
    #[arg(long)]
    kb_dir: Option<PathBuf>,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 1024 * 1024)]
    max_body_bytes: usize,
    /// Per-request timeout, in seconds.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
    /// Requests handled at once.
    #[arg(long, default_value_t = 64)]
    concurrency: usize,
    /// Requests that may wait for a slot; more are refused with 429.
    #[arg(long, default_value_t = 1024)]
    max_waiting: usize,
}

/// Runs `dyad serve`.
pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let kb = super::load_kb(args.kb_dir.as_deref())?;
    let token = args.token.filter(|t| !t.is_empty());
    if token.is_none() {
        eprintln!("dyad: no --token or DYAD_TOKEN: the server is read-only (POST /api/ingest answers 403)");
    }
    if let (Some(db), Some(_)) = (&args.db, &token) {
        dyad_store::Store::open(db, dyad_store::OpenMode::Create)
            .with_context(|| format!("cannot open the event store {}", db.display()))?;
    }
    let limits = Limits {
        max_body_bytes: args.max_body_bytes,
        timeout: std::time::Duration::from_secs(args.timeout.max(1)),
        concurrency: args.concurrency.max(1),
        max_waiting: args.max_waiting,
    };
    let state = Arc::new(AppState::new(kb, args.db, token, limits));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        eprintln!("dyad: serving on http://{}", listener.local_addr()?);
        dyad_server::serve(listener, state).await?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
