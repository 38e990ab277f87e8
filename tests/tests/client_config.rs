//! The configured client apart from its fault cases: the exact header set on the
//! wire, `from_env_with`, plain `http://` refused for a host that is not loopback, the key
//! absent from every `Debug`, `Display`, error and log line, and the `Deprecation`/`Sunset`
//! warning. Every server is a raw one on 127.0.0.1.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, PoisonError};

use composio_link::ids::ToolRouterSessionId;
use composio_link::{
    API_KEY_ENV, BASE_URL_ENV, ClientBuilder, DEFAULT_BASE_URL, Error, ErrorKind, ExecuteExt,
    USER_AGENT, USER_API_KEY_ENV,
};
use composio_link_tests::fields::Fields;
use composio_link_tests::link::{link, link_201, tool_router_201};
use composio_link_tests::raw::{RawServer, Reply, Seen};
use composio_link_tests::{TEST_KEY, builder, client, error_envelope};

/// The version in `generated-client/Cargo.toml`, read from the file rather than the crate's own
/// constant.
fn crate_version() -> String {
    let path = composio_link_tests::workspace_root().join("generated-client/Cargo.toml");
    let manifest =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    manifest
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or_else(|| panic!("no version in {}", path.display()))
        .to_owned()
}

/// The one request a server saw.
fn only_request(server: &RawServer) -> Seen {
    let mut seen = server.requests();
    assert_eq!(seen.len(), 1, "{seen:?}");
    seen.remove(0)
}

/// The error of a build that must fail.
fn build_error(builder: ClientBuilder) -> Error {
    match builder.build() {
        Ok(client) => panic!("expected a configuration error, got {client:?}"),
        Err(e) => e,
    }
}

// ---------------------------------------------------------------------------------------------
// What goes on the wire.
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn requests_carry_exactly_the_headers_a_composio_client_sends() {
    let server = RawServer::start(vec![
        Reply::json(201, &link_201()),
        Reply::json(201, &tool_router_201()),
    ])
    .await;
    let client = client(server.base_url());

    link(&client)
        .await
        .unwrap_or_else(|e| panic!("v3.1 call: {e}"));
    client
        .v3()
        .post_tool_router_session_by_session_id_link()
        .session_id(ToolRouterSessionId::new("trs_1"))
        .body_map(|b| b.toolkit("github"))
        .execute()
        .await
        .unwrap_or_else(|e| panic!("v3 call: {e}"));

    let seen = server.requests();
    assert_eq!(seen.len(), 2);
    let host = server.base_url().trim_start_matches("http://").to_owned();
    let user_agent = format!("composio-link-rust/{}", crate_version());
    assert_eq!(USER_AGENT, user_agent);
    for request in &seen {
        // No `api-version` (progenitor's), no `x-user-api-key`, nothing twice.
        assert_eq!(
            request.header_names(),
            [
                "accept",
                "content-length",
                "content-type",
                "host",
                "user-agent",
                "x-api-key"
            ],
            "{} {}",
            request.method,
            request.target
        );
        assert_eq!(request.header("accept"), Some("application/json"));
        assert_eq!(request.header("content-type"), Some("application/json"));
        assert_eq!(request.header("host"), Some(host.as_str()));
        assert_eq!(request.header("user-agent"), Some(user_agent.as_str()));
        assert_eq!(request.header("x-api-key"), Some(TEST_KEY));
    }
    assert_eq!(seen[0].target, "/api/v3.1/connected_accounts/link");
    assert_eq!(seen[1].target, "/api/v3/tool_router/session/trs_1/link");
}

#[tokio::test]
async fn a_user_key_travels_alone_in_x_user_api_key_beside_the_default_headers() {
    let server = RawServer::start(vec![Reply::json(201, &link_201())]).await;
    let client = builder(server.base_url())
        // Replaces the project key of the test builder.
        .user_api_key("test-user-key-42")
        .default_header("x-trace-id", "trace-1")
        .build()
        .unwrap_or_else(|e| panic!("client: {e}"));

    link(&client).await.unwrap_or_else(|e| panic!("call: {e}"));

    let request = only_request(&server);
    assert_eq!(
        request.header_names(),
        [
            "accept",
            "content-length",
            "content-type",
            "host",
            "user-agent",
            "x-trace-id",
            "x-user-api-key"
        ]
    );
    assert_eq!(request.header("x-user-api-key"), Some("test-user-key-42"));
    assert_eq!(request.header("x-trace-id"), Some("trace-1"));
}

#[test]
fn a_credential_header_cannot_be_a_default_header() {
    for name in ["x-api-key", "X-User-Api-Key"] {
        let e = build_error(builder("http://127.0.0.1:1").default_header(name, "second-key"));
        assert_eq!(Fields::of(&e), Fields::bare(ErrorKind::Configuration));
        assert_eq!(
            e.to_string(),
            format!(
                "invalid client configuration: `{}` cannot be a default header; set the key \
                 with api_key or user_api_key",
                name.to_ascii_lowercase()
            )
        );
    }
}

// ---------------------------------------------------------------------------------------------
// `from_env_with`.
// ---------------------------------------------------------------------------------------------

/// A lookup over `vars` only: the process environment is never read.
fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
    let vars: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    move |name| vars.get(name).cloned()
}

#[tokio::test]
async fn from_env_sends_the_project_key_to_composio_base_url() {
    let server = RawServer::start(vec![Reply::json(201, &link_201())]).await;
    let client = ClientBuilder::from_env_with(env(&[
        (API_KEY_ENV, "env-project-key"),
        (BASE_URL_ENV, server.base_url()),
    ]))
    .build()
    .unwrap_or_else(|e| panic!("client: {e}"));

    assert_eq!(client.base_url(), server.base_url());
    link(&client).await.unwrap_or_else(|e| panic!("call: {e}"));

    let request = only_request(&server);
    assert_eq!(request.header("x-api-key"), Some("env-project-key"));
    assert_eq!(request.header_count("x-api-key"), 1);
    assert_eq!(request.header("x-user-api-key"), None);
}

#[tokio::test]
async fn from_env_sends_a_user_key_as_x_user_api_key() {
    let server = RawServer::start(vec![Reply::json(201, &link_201())]).await;
    let client = ClientBuilder::from_env_with(env(&[
        (USER_API_KEY_ENV, "env-user-key"),
        (BASE_URL_ENV, server.base_url()),
    ]))
    .build()
    .unwrap_or_else(|e| panic!("client: {e}"));

    link(&client).await.unwrap_or_else(|e| panic!("call: {e}"));

    let request = only_request(&server);
    assert_eq!(request.header("x-user-api-key"), Some("env-user-key"));
    assert_eq!(request.header_count("x-user-api-key"), 1);
    assert_eq!(request.header("x-api-key"), None);
}

#[test]
fn from_env_refuses_two_keys_an_empty_key_and_no_key() {
    let cases: [(&[(&str, &str)], String); 5] = [
        (
            &[(API_KEY_ENV, "k1"), (USER_API_KEY_ENV, "k2")],
            format!(
                "both {API_KEY_ENV} and {USER_API_KEY_ENV} are set; set only one (the service \
                 refuses a request that carries two keys)"
            ),
        ),
        (
            &[(API_KEY_ENV, "")],
            format!("the API key is empty (from {API_KEY_ENV} or the builder)"),
        ),
        (
            &[(USER_API_KEY_ENV, "  ")],
            format!("the API key is empty (from {USER_API_KEY_ENV} or the builder)"),
        ),
        (
            &[],
            format!(
                "no API key: set {API_KEY_ENV} (project key) or {USER_API_KEY_ENV} (user key), \
                 or call ClientBuilder::api_key"
            ),
        ),
        (
            &[(BASE_URL_ENV, "http://127.0.0.1:1")],
            format!(
                "no API key: set {API_KEY_ENV} (project key) or {USER_API_KEY_ENV} (user key), \
                 or call ClientBuilder::api_key"
            ),
        ),
    ];
    for (vars, message) in cases {
        let e = build_error(ClientBuilder::from_env_with(env(vars)));
        assert_eq!(
            Fields::of(&e),
            Fields::bare(ErrorKind::Configuration),
            "{vars:?}"
        );
        assert_eq!(
            e.to_string(),
            format!("invalid client configuration: {message}"),
            "{vars:?}"
        );
    }
}

#[test]
fn from_env_without_composio_base_url_uses_the_default_host() {
    for vars in [
        &[(API_KEY_ENV, "k")][..],
        &[(API_KEY_ENV, "k"), (BASE_URL_ENV, "")],
    ] {
        let client = ClientBuilder::from_env_with(env(vars))
            .build()
            .unwrap_or_else(|e| panic!("client: {e}"));
        assert_eq!(client.base_url(), DEFAULT_BASE_URL, "{vars:?}");
    }
    assert_eq!(DEFAULT_BASE_URL, "https://backend.composio.dev");
}

// ---------------------------------------------------------------------------------------------
// Plain http.
// ---------------------------------------------------------------------------------------------

#[test]
fn plain_http_to_a_host_that_is_not_loopback_is_refused_unless_allowed() {
    for (url, host) in [
        ("http://composio.example.test", "composio.example.test"),
        ("http://10.1.2.3:8080/", "10.1.2.3"),
        ("http://[2001:db8::1]", "[2001:db8::1]"),
        ("http://localhost.example.test", "localhost.example.test"),
    ] {
        let e = build_error(builder(url));
        assert_eq!(
            Fields::of(&e),
            Fields::bare(ErrorKind::Configuration),
            "{url}"
        );
        assert_eq!(
            e.to_string(),
            format!(
                "invalid client configuration: refusing to send an API key over plain http to \
                 `{host}`; use https, a loopback host, or ClientBuilder::allow_insecure_http(true)"
            )
        );

        let allowed = builder(url)
            .allow_insecure_http(true)
            .build()
            .unwrap_or_else(|e| panic!("{url} with the opt-out: {e}"));
        assert_eq!(allowed.base_url(), url.trim_end_matches('/'));
    }
}

#[test]
fn plain_http_to_loopback_and_https_anywhere_need_no_opt_out() {
    for url in [
        "http://127.0.0.1:8080",
        "http://127.10.20.30",
        "http://localhost:3000",
        "http://LOCALHOST",
        "http://[::1]:8080",
        "https://composio.example.test",
    ] {
        let client = builder(url)
            .build()
            .unwrap_or_else(|e| panic!("{url}: {e}"));
        assert_eq!(client.base_url(), url);
    }
}

#[test]
fn a_base_url_with_another_scheme_or_none_is_refused() {
    for (url, message) in [
        (
            "ftp://composio.example.test",
            "base URL `ftp://composio.example.test` has scheme `ftp`; expected https",
        ),
        (
            "backend.composio.dev",
            "base URL `backend.composio.dev` does not parse: relative URL without a base",
        ),
    ] {
        let e = build_error(builder(url));
        assert_eq!(
            Fields::of(&e),
            Fields::bare(ErrorKind::Configuration),
            "{url}"
        );
        assert_eq!(
            e.to_string(),
            format!("invalid client configuration: {message}")
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The key is never printed.
// ---------------------------------------------------------------------------------------------

/// `Display` and `Debug` of `error` and of every error in its source chain.
fn all_text(error: &Error) -> String {
    let mut text = format!("{error}\n{error:?}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let _ = write!(text, "\n{cause}\n{cause:?}");
        source = cause.source();
    }
    text
}

#[tokio::test]
async fn the_key_is_in_no_debug_display_or_error_text() {
    const KEY: &str = "sk-live-do-not-print-7f3a9c";
    let server = RawServer::start(vec![Reply::json_with(
        401,
        &[("x-request-id", "hdr-401")],
        &error_envelope(401, "invalid_api_key"),
    )])
    .await;
    let project = builder(server.base_url()).api_key(KEY);
    let user = builder(server.base_url()).user_api_key(KEY);
    let mut texts = vec![format!("{project:?}"), format!("{user:?}")];
    for b in [&project, &user] {
        let client = b.clone().build().unwrap_or_else(|e| panic!("client: {e}"));
        texts.push(format!("{client:?}"));
        let e = match link(&client).await {
            Ok(_) => panic!("the server answers 401"),
            Err(e) => e,
        };
        assert_eq!(e.kind(), ErrorKind::Authentication);
        texts.push(all_text(&e));
    }
    assert_eq!(server.hits(), 2);
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.header("x-api-key").or(r.header("x-user-api-key")) == Some(KEY)),
        "the key must still be sent"
    );

    // Errors made while the key is configured.
    let refused = "127.0.0.1:9";
    let unreachable = builder(&format!("http://{refused}")).api_key(KEY).build();
    let unreachable = unreachable.unwrap_or_else(|e| panic!("client: {e}"));
    match link(&unreachable).await {
        Ok(_) => panic!("nothing listens on {refused}"),
        Err(e) => texts.push(all_text(&e)),
    }
    for b in [
        builder("http://composio.example.test").api_key(KEY),
        builder("http://127.0.0.1:1")
            .api_key(KEY)
            .default_header("bad header", "v"),
        builder("http://127.0.0.1:1").api_key(format!("{KEY}\nsecond line")),
        builder("http://127.0.0.1:1").api_key(format!("{KEY}\u{7f}")),
        ClientBuilder::from_env_with(env(&[(API_KEY_ENV, KEY), (USER_API_KEY_ENV, KEY)])),
    ] {
        texts.push(format!("{b:?}"));
        texts.push(all_text(&build_error(b)));
    }

    for text in &texts {
        assert!(!text.contains(KEY), "the key leaked: {text}");
    }
    // The Debug output says a key is set without showing it.
    assert!(texts[0].contains("\"x-api-key\", \"***\""), "{}", texts[0]);
    assert!(
        texts[1].contains("\"x-user-api-key\", \"***\""),
        "{}",
        texts[1]
    );
    assert!(texts[2].contains("key: \"***\""), "{}", texts[2]);
}

// ---------------------------------------------------------------------------------------------
// Tracing.
// ---------------------------------------------------------------------------------------------

/// One span, span update or event as a subscriber received it.
#[derive(Clone, Debug)]
struct Line {
    what: &'static str,
    level: tracing::Level,
    name: String,
    fields: Vec<(String, String)>,
}

impl Line {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A subscriber that keeps every span, span update and event it is given, with all their
/// fields, and tracks the current span so that `Span::current().record(..)` reaches it.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<State>>);

#[derive(Default)]
struct State {
    lines: Vec<Line>,
    spans: Vec<&'static tracing::Metadata<'static>>,
    entered: Vec<tracing::span::Id>,
}

impl Capture {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn lines(&self) -> Vec<Line> {
        self.state().lines.clone()
    }
}

/// The index in `State::spans` of span `id` (ids start at 1).
fn index(id: &tracing::span::Id) -> usize {
    usize::try_from(id.into_u64() - 1).unwrap_or(usize::MAX)
}

#[derive(Default)]
struct Visitor(Vec<(String, String)>);

impl tracing::field::Visit for Visitor {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }

    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
}

impl tracing::Subscriber for Capture {
    fn register_callsite(
        &self,
        _: &'static tracing::Metadata<'static>,
    ) -> tracing::subscriber::Interest {
        tracing::subscriber::Interest::always()
    }

    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut visitor = Visitor::default();
        span.record(&mut visitor);
        let metadata = span.metadata();
        let mut state = self.state();
        state.spans.push(metadata);
        state.lines.push(Line {
            what: "span",
            level: *metadata.level(),
            name: metadata.name().to_owned(),
            fields: visitor.0,
        });
        tracing::span::Id::from_u64(state.spans.len() as u64)
    }

    fn record(&self, id: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut visitor = Visitor::default();
        values.record(&mut visitor);
        let mut state = self.state();
        let Some(metadata) = state.spans.get(index(id)).copied() else {
            return;
        };
        state.lines.push(Line {
            what: "record",
            level: *metadata.level(),
            name: metadata.name().to_owned(),
            fields: visitor.0,
        });
    }

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut visitor = Visitor::default();
        event.record(&mut visitor);
        let metadata = event.metadata();
        self.state().lines.push(Line {
            what: "event",
            level: *metadata.level(),
            name: metadata.name().to_owned(),
            fields: visitor.0,
        });
    }

    fn enter(&self, id: &tracing::span::Id) {
        self.state().entered.push(id.clone());
    }

    fn exit(&self, id: &tracing::span::Id) {
        let mut state = self.state();
        if let Some(at) = state.entered.iter().rposition(|e| e == id) {
            state.entered.remove(at);
        }
    }

    fn current_span(&self) -> tracing_core::span::Current {
        let state = self.state();
        match state.entered.last() {
            Some(id) => match state.spans.get(index(id)) {
                Some(metadata) => tracing_core::span::Current::new(id.clone(), metadata),
                None => tracing_core::span::Current::none(),
            },
            None => tracing_core::span::Current::none(),
        }
    }
}

/// The `composio-link` events at WARN among `lines`.
fn warnings(lines: &[Line]) -> Vec<&Line> {
    lines
        .iter()
        .filter(|l| l.what == "event" && l.level == tracing::Level::WARN)
        .collect()
}

// A current-thread runtime, so the thread-local subscriber sees everything the call does.
#[tokio::test(flavor = "current_thread")]
async fn deprecation_and_sunset_give_one_warning_and_no_line_carries_the_key() {
    const SUNSET: &str = "Sun, 01 Nov 2026 00:00:00 GMT";
    let server = RawServer::start(vec![
        Reply::json(201, &link_201()),
        Reply::json_with(
            500,
            &[("deprecation", "@1767225600"), ("sunset", SUNSET)],
            &error_envelope(500, "internal_error"),
        ),
        Reply::json_with(
            201,
            &[
                ("deprecation", "@1767225600"),
                ("sunset", SUNSET),
                ("x-request-id", "req-deprecated-1"),
            ],
            &link_201(),
        ),
    ])
    .await;
    let client = client(server.base_url());
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    link(&client)
        .await
        .unwrap_or_else(|e| panic!("first call: {e}"));
    assert!(
        warnings(&capture.lines()).is_empty(),
        "no deprecation headers, no warning: {:?}",
        capture.lines()
    );

    link(&client)
        .await
        .unwrap_or_else(|e| panic!("second call (retried once): {e}"));
    assert_eq!(server.hits(), 3);

    let lines = capture.lines();
    let warned = warnings(&lines);
    assert_eq!(warned.len(), 1, "one warning for one call: {lines:?}");
    assert_eq!(warned[0].field("deprecation"), Some("@1767225600"));
    assert_eq!(warned[0].field("sunset"), Some(SUNSET));
    assert_eq!(
        warned[0].field("operation"),
        Some("post_connected_accounts_link")
    );

    // One span per call, with the operation, the last attempt, the status and the request id.
    let spans: Vec<&Line> = lines
        .iter()
        .filter(|l| l.what == "span" && l.name == "composio_link.call")
        .collect();
    assert_eq!(spans.len(), 2, "{lines:?}");
    let recorded = |field: &str| -> Vec<&str> {
        lines
            .iter()
            .filter(|l| l.what == "record" && l.name == "composio_link.call")
            .filter_map(|l| l.field(field))
            .collect()
    };
    assert_eq!(recorded("attempt"), ["1", "1", "2"]);
    assert_eq!(recorded("status"), ["201", "201"]);
    assert_eq!(recorded("request_id"), ["req-deprecated-1"]);

    for line in &lines {
        assert!(
            line.fields.iter().all(|(_, v)| !v.contains(TEST_KEY)),
            "the key is in a trace line: {line:?}"
        );
    }
}

#[tokio::test]
async fn a_default_header_given_twice_is_sent_with_both_values() {
    let server = httpmock::MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method(httpmock::Method::POST)
                .header("x-team", "red")
                .header("x-team", "blue");
            then.status(201).json_body(serde_json::json!({
                "link_token": "lt", "redirect_url": "https://r", "expires_at": "e",
                "connected_account_id": "ca"
            }));
        })
        .await;
    let client = composio_link_tests::builder(&server.base_url())
        .default_header("x-team", "red")
        .default_header("x-team", "blue")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let sent = client
        .v3_1()
        .post_connected_accounts_link()
        .body_map(|b| b.auth_config_id("ac").user_id("u"))
        .execute()
        .await;
    assert!(sent.is_ok(), "{sent:?}");
    mock.assert_async().await;
}

#[tokio::test]
async fn the_key_is_never_sent_to_another_origin_through_a_hand_made_client() {
    use progenitor_client::ClientInfo;
    let configured = httpmock::MockServer::start_async().await;
    let other = httpmock::MockServer::start_async().await;
    let any = other
        .mock_async(|_, then| {
            then.status(201);
        })
        .await;
    let client = composio_link_tests::client(&configured.base_url());
    // The generated constructor is public; the transport it is given still knows its origin.
    let hand_made = composio_link::v3_1::Client::new_with_client(
        &other.base_url(),
        reqwest::Client::new(),
        client.v3_1().inner().clone(),
    );
    let error = hand_made
        .post_connected_accounts_link()
        .body_map(|b| b.auth_config_id("ac").user_id("u"))
        .execute()
        .await
        .err()
        .unwrap_or_else(|| panic!("expected a refusal"));
    assert_eq!(error.kind(), composio_link::ErrorKind::InvalidRequest);
    assert!(
        error
            .to_string()
            .contains("refusing to send the API key to"),
        "{error}"
    );
    any.assert_calls_async(0).await;
}
