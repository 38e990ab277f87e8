//! A raw HTTP/1.1 server on 127.0.0.1 for the fault tests. It answers the n-th request with the
//! n-th scripted [`Reply`] byte for byte, well-formed or not, and records every request as it
//! arrived, with the instant the server saw it (so waits are measured by the server's clock).
//!
//! Also [`FullBacklog`]: a loopback listener whose accept queue is full, so that a connection
//! attempt to it hangs until the client's connect timeout.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::mpsc;
use tokio::task::{JoinHandle, JoinSet};

/// What the server does with one request, once it has read it whole.
#[derive(Clone, Debug)]
pub enum Reply {
    /// Writes these bytes (a whole HTTP response, or anything else), then closes the connection.
    Raw(Vec<u8>),
    /// Never answers; the connection stays open until the server is dropped.
    Silent,
    /// Closes the connection without writing a byte.
    Hangup,
    /// Writes `head`, then a body of `body_len` bytes in 64 KiB writes until it is all written
    /// or the peer has gone; the outcome is reported through [`RawServer::stream_outcome`].
    Stream {
        /// The status line and headers, blank line included.
        head: Vec<u8>,
        /// How many body bytes to try to write.
        body_len: usize,
    },
}

impl Reply {
    /// A complete response with `headers`, a `content-length` and `connection: close`.
    pub fn new(status: u16, headers: &[(&str, &str)], body: impl AsRef<[u8]>) -> Self {
        let body = body.as_ref();
        let mut head = head(status, headers);
        head.truncate(head.len() - 2);
        head.extend_from_slice(format!("content-length: {}\r\n\r\n", body.len()).as_bytes());
        head.extend_from_slice(body);
        Reply::Raw(head)
    }

    /// A complete `application/json` response with `headers`.
    pub fn json_with(status: u16, headers: &[(&str, &str)], body: &serde_json::Value) -> Self {
        let mut all = vec![("content-type", "application/json")];
        all.extend_from_slice(headers);
        Self::new(status, &all, body.to_string())
    }

    /// A complete `application/json` response.
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Self::json_with(status, &[], body)
    }
}

/// The status line, `headers` and `connection: close`, ending with the blank line.
pub fn head(status: u16, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut text = format!("HTTP/1.1 {status} Test\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("connection: close\r\n\r\n");
    text.into_bytes()
}

/// One request as the server received it.
#[derive(Clone, Debug)]
pub struct Seen {
    /// When its head had arrived, by the server's clock.
    pub at: Instant,
    /// `POST`.
    pub method: String,
    /// The request target (`/api/v3.1/connected_accounts/link`).
    pub target: String,
    /// Every header in arrival order, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body (by `content-length`).
    pub body: Vec<u8>,
}

impl Seen {
    /// The first value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// How many times header `name` (lower case) arrived.
    pub fn header_count(&self, name: &str) -> usize {
        self.headers.iter().filter(|(n, _)| n == name).count()
    }

    /// The header names, sorted, one entry per header line.
    pub fn header_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        names.sort_unstable();
        names
    }

    /// The body as JSON.
    ///
    /// # Panics
    ///
    /// When the body is not JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("the request body is not JSON: {e}"))
    }
}

/// How a [`Reply::Stream`] ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StreamOutcome {
    /// Body bytes the kernel accepted before a write failed (or all of them).
    pub written: usize,
    /// Whether the whole body was written: `false` means the peer closed the connection first.
    pub complete: bool,
}

/// A scripted server on 127.0.0.1; it stops when dropped.
pub struct RawServer {
    base_url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    streams: mpsc::UnboundedReceiver<StreamOutcome>,
    task: JoinHandle<()>,
}

impl RawServer {
    /// Starts a server that answers request `n` with `replies[n]`, and every request after the
    /// last reply with the last one.
    ///
    /// # Panics
    ///
    /// When `replies` is empty or no loopback port can be bound.
    pub async fn start(replies: Vec<Reply>) -> Self {
        assert!(!replies.is_empty(), "a server needs at least one reply");
        let socket = TcpSocket::new_v4().unwrap_or_else(|e| panic!("socket: {e}"));
        // A small send buffer (accepted sockets inherit it), so that what a `Stream` reply
        // counts as written is close to what the peer actually received.
        socket
            .set_send_buffer_size(64 * 1024)
            .unwrap_or_else(|e| panic!("SO_SNDBUF: {e}"));
        socket
            .bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .unwrap_or_else(|e| panic!("bind: {e}"));
        let listener = socket.listen(64).unwrap_or_else(|e| panic!("listen: {e}"));
        let addr = listener
            .local_addr()
            .unwrap_or_else(|e| panic!("local address: {e}"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (streams_tx, streams) = mpsc::unbounded_channel();
        let task = tokio::spawn(accept_loop(
            listener,
            replies.into(),
            Arc::clone(&seen),
            streams_tx,
        ));
        Self {
            base_url: format!("http://{addr}"),
            seen,
            streams,
            task,
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Seen> {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// How many requests were received whole.
    pub fn hits(&self) -> usize {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Waits for the next [`Reply::Stream`] to end.
    ///
    /// # Panics
    ///
    /// When none ends within 30 s: the peer kept the connection open without reading it.
    pub async fn stream_outcome(&mut self) -> StreamOutcome {
        tokio::time::timeout(Duration::from_secs(30), self.streams.recv())
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("no streamed reply ended: the client holds the connection"))
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn accept_loop(
    listener: TcpListener,
    replies: Arc<[Reply]>,
    seen: Arc<Mutex<Vec<Seen>>>,
    streams: mpsc::UnboundedSender<StreamOutcome>,
) {
    // Dropping the set (when the server is dropped) ends every connection, silent ones too.
    let mut connections = JoinSet::new();
    while let Ok((stream, _)) = listener.accept().await {
        connections.spawn(serve(
            stream,
            Arc::clone(&replies),
            Arc::clone(&seen),
            streams.clone(),
        ));
    }
}

async fn serve(
    mut stream: TcpStream,
    replies: Arc<[Reply]>,
    seen: Arc<Mutex<Vec<Seen>>>,
    streams: mpsc::UnboundedSender<StreamOutcome>,
) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    let index = {
        let mut seen = seen.lock().unwrap_or_else(PoisonError::into_inner);
        seen.push(request);
        seen.len() - 1
    };
    match &replies[index.min(replies.len() - 1)] {
        Reply::Raw(bytes) => {
            let _ = stream.write_all(bytes).await;
            let _ = stream.shutdown().await;
        }
        Reply::Silent => std::future::pending::<()>().await,
        Reply::Hangup => drop(stream),
        Reply::Stream { head, body_len } => {
            let mut written = 0;
            let mut complete = stream.write_all(head).await.is_ok();
            let chunk = vec![b'a'; 64 * 1024];
            while complete && written < *body_len {
                let n = chunk.len().min(body_len - written);
                match stream.write_all(&chunk[..n]).await {
                    Ok(()) => written += n,
                    Err(_) => complete = false,
                }
            }
            let _ = streams.send(StreamOutcome { written, complete });
        }
    }
}

/// Reads one request: the head up to the blank line, then `content-length` bytes of body.
/// `None` when the connection ends first.
async fn read_request(stream: &mut TcpStream) -> Option<Seen> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let at = Instant::now();
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next().unwrap_or_default().split(' ');
    let method = request_line.next().unwrap_or_default().to_owned();
    let target = request_line.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| {
            let (name, value) = line.split_once(':')?;
            Some((name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        })
        .collect();
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let body_start = head_end + 4;
    while buf.len() < body_start + length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Some(Seen {
        at,
        method,
        target,
        headers,
        body: buf[body_start..body_start + length].to_vec(),
    })
}

/// A listener on 127.0.0.1 whose accept queue is full: the kernel drops further connection
/// attempts (their SYNs) instead of completing them, so a client's connect hangs until its
/// connect timeout, without any address outside loopback.
pub struct FullBacklog {
    addr: SocketAddr,
    _listener: TcpListener,
    _fillers: Vec<TcpStream>,
}

impl FullBacklog {
    /// Binds a listener with a backlog of 0, never accepts, and connects to it until one
    /// attempt hangs for `probe`, which shows the queue is full. `None` when every attempt
    /// completes (a kernel that queues without limit).
    ///
    /// # Panics
    ///
    /// When no loopback port can be bound.
    pub async fn start(probe: Duration) -> Option<Self> {
        let socket = TcpSocket::new_v4().unwrap_or_else(|e| panic!("socket: {e}"));
        socket
            .bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .unwrap_or_else(|e| panic!("bind: {e}"));
        let listener = socket.listen(0).unwrap_or_else(|e| panic!("listen: {e}"));
        let addr = listener
            .local_addr()
            .unwrap_or_else(|e| panic!("local address: {e}"));
        let mut fillers = Vec::new();
        for _ in 0..16 {
            match tokio::time::timeout(probe, TcpStream::connect(addr)).await {
                Ok(Ok(stream)) => fillers.push(stream),
                Ok(Err(e)) => panic!("connecting a filler to {addr}: {e}"),
                Err(_) => {
                    return Some(Self {
                        addr,
                        _listener: listener,
                        _fillers: fillers,
                    });
                }
            }
        }
        None
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }
}
