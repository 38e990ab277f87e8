//! `client`: one `connected_accounts` link call through the generated client, configured as a
//! downstream user would configure it, beside the same request made with a hand-written
//! `reqwest` call and `serde_json` decoding, both against one small HTTP/1.1 server started
//! here on 127.0.0.1, in the same run. The success path answers the documented 201 body; the
//! error path answers a 400 error envelope.
//!
//! Target: generated ≤ 1.05 × hand-written, median to median. After the criterion
//! benchmarks, the same two ratios are measured once more with the two ways interleaved in
//! blocks (`paired-ratio` lines on stdout), which a noisy machine disturbs less.
//!
//! The server is a keep-alive responder on raw tokio sockets that answers every complete
//! request with one canned response, so the benchmark measures the clients rather than
//! connection setup or a server framework. Both clients are `reqwest` clients with their own
//! connection pools and reuse one connection each; the server counts the connections it
//! accepted and the benchmark fails if a client opened more than one per server.
//! Everything runs on one current-thread tokio runtime, which makes the times on a noisy
//! 2-core machine steadier than a thread hand-off per request would.

#![forbid(unsafe_code)]

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use composio_link::prelude::*;
use composio_link_tests::{documented_example, error_envelope};
use criterion::{Criterion, criterion_group, criterion_main};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const PATH: &str = "/api/v3.1/connected_accounts/link";
const KEY: &str = "k";

// ---------------------------------------------------------------------------------------------
// The server.

/// A server on 127.0.0.1 answering every `POST` to [`PATH`] with one canned response.
struct Server {
    base_url: String,
    connections: Arc<AtomicUsize>,
    requests: Arc<AtomicUsize>,
}

impl Server {
    /// Binds a port and spawns the accept loop on the current runtime.
    async fn start(status: &str, body: &serde_json::Value) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("bind 127.0.0.1: {e}"));
        let port = listener
            .local_addr()
            .unwrap_or_else(|e| panic!("local address: {e}"))
            .port();
        let body = serde_json::to_vec(body).unwrap_or_else(|e| panic!("body: {e}"));
        let mut response = format!(
            "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
             x-request-id: req_bench\r\n\r\n",
            body.len()
        )
        .into_bytes();
        response.extend_from_slice(&body);
        let response: Arc<[u8]> = response.into();
        let connections = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(AtomicUsize::new(0));
        let (accepted, answered) = (connections.clone(), requests.clone());
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                accepted.fetch_add(1, Ordering::Relaxed);
                tokio::spawn(serve(stream, response.clone(), answered.clone()));
            }
        });
        Server {
            base_url: format!("http://127.0.0.1:{port}"),
            connections,
            requests,
        }
    }

    fn url(&self) -> String {
        format!("{}{PATH}", self.base_url)
    }
}

/// Answers each complete request on `stream` with `response` until the client closes it.
/// Requests may arrive in pieces or several at once (pipelined); each gets one response.
async fn serve(mut stream: TcpStream, response: Arc<[u8]>, requests: Arc<AtomicUsize>) {
    const NOT_FOUND: &[u8] = b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n";
    let _ = stream.set_nodelay(true);
    let mut buffer: Vec<u8> = Vec::with_capacity(8 * 1024);
    loop {
        while let Some(request) = complete_request(&buffer) {
            let answer = if request.expected {
                &response[..]
            } else {
                NOT_FOUND
            };
            if stream.write_all(answer).await.is_err() {
                return;
            }
            requests.fetch_add(1, Ordering::Relaxed);
            buffer.drain(..request.len);
        }
        match stream.read_buf(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// The first request in a buffer.
struct Request {
    /// Its length, head and body.
    len: usize,
    /// Whether it is the request both clients send: `POST` to [`PATH`] with the key.
    expected: bool,
}

/// The first complete request in `buffer`, or `None` when more bytes are needed. Bodies are
/// framed by `content-length` (both clients send a byte body with one).
fn complete_request(buffer: &[u8]) -> Option<Request> {
    let head_len = buffer.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = String::from_utf8_lossy(&buffer[..head_len]);
    let mut lines = head.split("\r\n");
    let request_line = lines.next()?;
    let mut content_length = 0;
    let mut has_key = false;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            content_length = value
                .parse()
                .unwrap_or_else(|_| panic!("the bench server got `{line}`"));
        } else if name.eq_ignore_ascii_case("x-api-key") {
            has_key = value == KEY;
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            panic!("the bench server reads content-length bodies only, got `{line}`");
        }
    }
    let len = head_len + content_length;
    (buffer.len() >= len).then(|| Request {
        len,
        expected: has_key && request_line == format!("POST {PATH} HTTP/1.1"),
    })
}

// ---------------------------------------------------------------------------------------------
// The hand-written call: what a user would write with reqwest and serde alone.

#[derive(Serialize)]
struct LinkRequest<'a> {
    auth_config_id: &'a str,
    user_id: &'a str,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // Decoded to be timed; the benchmark reads only a few fields.
struct Link {
    link_token: String,
    redirect_url: String,
    expires_at: String,
    connected_account_id: String,
    account_type: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Envelope {
    error: ApiError,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // Decoded to be timed; the benchmark reads only a few fields.
struct ApiError {
    message: String,
    code: Option<f64>,
    slug: String,
    status: u16,
    request_id: Option<String>,
    suggested_fix: Option<String>,
    errors: Option<Vec<String>>,
}

#[derive(Debug)]
#[allow(dead_code)] // The variants' contents are what a caller would read.
enum HandError {
    Http(reqwest::Error),
    Api(reqwest::StatusCode, ApiError),
    Decode(serde_json::Error),
}

async fn hand_written(http: &reqwest::Client, url: &str) -> Result<Link, HandError> {
    let response = http
        .post(url)
        .header("x-api-key", KEY)
        .json(&LinkRequest {
            auth_config_id: "ac_1",
            user_id: "u1",
        })
        .send()
        .await
        .map_err(HandError::Http)?;
    let status = response.status();
    let bytes = response.bytes().await.map_err(HandError::Http)?;
    if status.is_success() {
        serde_json::from_slice(&bytes).map_err(HandError::Decode)
    } else {
        let envelope: Envelope = serde_json::from_slice(&bytes).map_err(HandError::Decode)?;
        Err(HandError::Api(status, envelope.error))
    }
}

// ---------------------------------------------------------------------------------------------
// The generated call, exactly as the README shows it.

async fn generated(
    client: &Client,
) -> Result<
    composio_link::ResponseValue<composio_link::v3_1::types::ConnectedAccountLinkResponse>,
    Error,
> {
    client
        .v3_1()
        .post_connected_accounts_link()
        .body_map(|b| b.auth_config_id("ac_1").user_id("u1"))
        .execute()
        .await
}

fn generated_client(server: &Server) -> Client {
    Client::builder()
        .api_key(KEY)
        .base_url(server.base_url.clone())
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"))
}

// ---------------------------------------------------------------------------------------------
// The benchmarks.

fn bench_client(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("tokio runtime: {e}"));
    let example = documented_example("v3.1", PATH, "201");
    let (created, rejected) = runtime.block_on(async {
        (
            Server::start("201 Created", &example).await,
            Server::start("400 Bad Request", &error_envelope(400, "BadRequest")).await,
        )
    });
    let (created_url, rejected_url) = (created.url(), rejected.url());
    let to_created = generated_client(&created);
    let to_rejected = generated_client(&rejected);
    // What any real client pays: the generated client's timeouts (the credential header is set
    // per request in `hand_written`).
    let http = reqwest::Client::builder()
        .timeout(composio_link::DEFAULT_TIMEOUT)
        .connect_timeout(composio_link::DEFAULT_CONNECT_TIMEOUT)
        .build()
        .unwrap_or_else(|e| panic!("reqwest client: {e}"));

    // Both ways decode the same documented body; check it once, untimed.
    runtime.block_on(async {
        let ours = generated(&to_created)
            .await
            .unwrap_or_else(|e| panic!("generated call: {e}"))
            .into_inner();
        let theirs = hand_written(&http, &created_url)
            .await
            .unwrap_or_else(|e| panic!("hand-written call: {e:?}"));
        assert_eq!(ours.link_token, theirs.link_token);
        assert_eq!(serde_json::to_value(&ours).ok(), Some(example.clone()));
    });

    let mut group = c.benchmark_group("client");
    group.bench_function("success/generated", |b| {
        b.to_async(&runtime).iter(|| async {
            let link = generated(black_box(&to_created))
                .await
                .unwrap_or_else(|e| panic!("generated call: {e}"));
            black_box(link)
        });
    });
    group.bench_function("success/hand_written", |b| {
        b.to_async(&runtime).iter(|| async {
            let link = hand_written(black_box(&http), &created_url)
                .await
                .unwrap_or_else(|e| panic!("hand-written call: {e:?}"));
            black_box(link)
        });
    });
    group.bench_function("error/generated", |b| {
        b.to_async(&runtime).iter(|| async {
            let error = match generated(black_box(&to_rejected)).await {
                Err(e) if e.kind() == ErrorKind::BadRequest => e,
                other => panic!("expected a 400 error, got {other:?}"),
            };
            black_box(error)
        });
    });
    group.bench_function("error/hand_written", |b| {
        b.to_async(&runtime).iter(|| async {
            let error = match hand_written(black_box(&http), &rejected_url).await {
                Err(e @ HandError::Api(reqwest::StatusCode::BAD_REQUEST, _)) => e,
                other => panic!("expected a 400 error, got {other:?}"),
            };
            black_box(error)
        });
    });
    group.finish();

    // The same comparison once more with the two ways interleaved, block by block, so a change of
    // the machine's load during the run hits both alike; `scripts/bench-report` shows it beside
    // the criterion medians. Only under `cargo bench` (which passes `--bench`), and not when
    // criterion only tests, lists or profiles one benchmark.
    let args: Vec<String> = std::env::args().collect();
    let measuring = args.iter().any(|a| a == "--bench")
        && !args
            .iter()
            .any(|a| ["--test", "--list", "--profile-time"].contains(&a.as_str()));
    runtime.block_on(async {
        if !measuring {
            return;
        }
        let success = paired_ratio(
            || async {
                generated(&to_created)
                    .await
                    .map(drop)
                    .unwrap_or_else(|e| panic!("generated call: {e}"))
            },
            || async {
                hand_written(&http, &created_url)
                    .await
                    .map(drop)
                    .unwrap_or_else(|e| panic!("hand-written call: {e:?}"))
            },
        )
        .await;
        let error = paired_ratio(
            || async { drop(generated(&to_rejected).await) },
            || async { drop(hand_written(&http, &rejected_url).await) },
        )
        .await;
        println!("paired-ratio client/success {success:.4}");
        println!("paired-ratio client/error {error:.4}");
    });

    // Both clients sent sequential requests, so each kept one connection per server open: two
    // connections per server. More would mean the benchmark timed connection setup.
    for (server, name) in [(&created, "201"), (&rejected, "400")] {
        let connections = server.connections.load(Ordering::Relaxed);
        let requests = server.requests.load(Ordering::Relaxed);
        eprintln!(
            "client: the {name} server answered {requests} requests on {connections} connections"
        );
        assert!(
            connections <= 2,
            "the {name} server accepted {connections} connections for 2 clients: a client did \
             not reuse its connection"
        );
    }
}

/// Rounds of the interleaved comparison, and calls per block: each block takes milliseconds,
/// long against the clock's resolution and short against the changes of a noisy machine's load.
const PAIRED_ROUNDS: usize = 41;
const PAIRED_CALLS: u32 = 200;

/// The median over [`PAIRED_ROUNDS`] rounds of (time of [`PAIRED_CALLS`] calls of `a`) / (time
/// of as many calls of `b`), the order of the two blocks alternating from round to round.
async fn paired_ratio<A, FA, B, FB>(a: A, b: B) -> f64
where
    A: Fn() -> FA,
    FA: Future<Output = ()>,
    B: Fn() -> FB,
    FB: Future<Output = ()>,
{
    async fn block<F: Future<Output = ()>>(call: &impl Fn() -> F) -> f64 {
        let start = Instant::now();
        for _ in 0..PAIRED_CALLS {
            call().await;
        }
        start.elapsed().as_secs_f64()
    }
    let mut ratios = Vec::with_capacity(PAIRED_ROUNDS);
    for round in 0..PAIRED_ROUNDS {
        let (ta, tb) = if round % 2 == 0 {
            let ta = block(&a).await;
            (ta, block(&b).await)
        } else {
            let tb = block(&b).await;
            (block(&a).await, tb)
        };
        ratios.push(ta / tb);
    }
    ratios.sort_by(f64::total_cmp);
    ratios[PAIRED_ROUNDS / 2]
}

fn config() -> Criterion {
    // A call takes tens of microseconds: 60 samples over 4 s each are millions of calls.
    Criterion::default()
        .sample_size(60)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_client
}
criterion_main!(benches);
