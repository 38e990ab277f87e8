//! `cargo xtask upstream <FILE|URL>`: where `spec/` and Composio's own published OpenAPI
//! document disagree, for the operations this workspace covers, classified with the drift
//! rules "as if we adopted the vendor's version".
//!
//! The vendor document is read as plain JSON/YAML (it may be OpenAPI 3.0 or 3.1, which
//! openapiv3 cannot read). Only the operations `spec/` describes are kept, matched by method and
//! path per API version, together with the component schemas they reach; the few 3.1
//! spellings the classifier cannot read (`type: [T, "null"]`, `const`, `examples`) are turned
//! into their 3.0 equivalents. The result is loaded like any spec and compared at the wire
//! level, from our spec (`from`) to the vendor's (`to`). The extract keeps the vendor's paths
//! and schema names, so its changes are placed on the vendor document's own lines.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::net::IpAddr;
use std::path::Path;
use std::time::Duration;

use composio_link_generator as generator;
use generator::drift::render;
use serde_json::{Map, Value};

use crate::drift::Format;

/// The largest vendor document read, from a file or a URL.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;
/// How long a URL may take, connection and body included.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(30);

/// HTTP methods an OpenAPI path item can hold.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Why the upstream comparison could not run.
#[derive(Debug, thiserror::Error)]
pub enum UpstreamError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The document is larger than [`MAX_DOCUMENT_BYTES`].
    #[error("{source_name}: larger than {MAX_DOCUMENT_BYTES} bytes; not read")]
    TooLarge {
        /// The file or URL.
        source_name: String,
    },
    /// The URL was refused or could not be fetched.
    #[error("{url}: {message}")]
    Fetch {
        /// The URL.
        url: String,
        /// What went wrong.
        message: String,
    },
    /// The document is not JSON or YAML, or not an OpenAPI document.
    #[error("{source_name}: {message}")]
    Document {
        /// The file or URL.
        source_name: String,
        /// What is wrong.
        message: String,
    },
    /// One of our specs failed to load, or the extracted vendor operations did.
    #[error(transparent)]
    Spec(#[from] generator::Error),
    /// Our spec folder could not be read or holds a bad name.
    #[error(transparent)]
    Versions(#[from] crate::codegen::CodegenError),
}

/// Reads a vendor document from a file path or an `http(s)://` URL.
///
/// # Errors
///
/// A file that cannot be read, a URL that is refused (plain http to a host that is not
/// loopback) or fails, or a body over [`MAX_DOCUMENT_BYTES`].
pub fn read_source(source: &str) -> Result<Vec<u8>, UpstreamError> {
    if source.starts_with("http://") || source.starts_with("https://") {
        return fetch(source);
    }
    let file = std::fs::File::open(Path::new(source)).map_err(|e| UpstreamError::Read {
        path: source.to_owned(),
        source: e,
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| UpstreamError::Read {
            path: source.to_owned(),
            source: e,
        })?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(UpstreamError::TooLarge {
            source_name: source.to_owned(),
        });
    }
    Ok(bytes)
}

/// Fetches `url` with the client crate's HTTP stack (reqwest over rustls): a timeout, no
/// redirects at all, a size cap, and https only unless the host is loopback.
fn fetch(url: &str) -> Result<Vec<u8>, UpstreamError> {
    let fail = |message: String| UpstreamError::Fetch {
        url: url.to_owned(),
        message,
    };
    let parsed = reqwest::Url::parse(url).map_err(|e| fail(format!("not a URL: {e}")))?;
    let loopback = match parsed.host() {
        Some(url::Host::Domain(host)) => host.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    };
    if parsed.scheme() != "https" && !(parsed.scheme() == "http" && loopback) {
        return Err(fail(
            "only https URLs are fetched (plain http only from a loopback host)".to_owned(),
        ));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| fail(format!("cannot start an async runtime: {e}")))?;
    runtime.block_on(async {
        let client = reqwest::Client::builder()
            .timeout(FETCH_TIMEOUT)
            .connect_timeout(Duration::from_secs(5))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("composio-link-xtask/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| fail(format!("cannot build the HTTP client: {e}")))?;
        let mut response = client
            .get(parsed)
            .send()
            .await
            .map_err(|e| fail(format!("request failed: {e}")))?;
        if !response.status().is_success() {
            return Err(fail(format!("the server answered {}", response.status())));
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| fail(format!("reading the body failed: {e}")))?
        {
            if (bytes.len() + chunk.len()) as u64 > MAX_DOCUMENT_BYTES {
                return Err(UpstreamError::TooLarge {
                    source_name: url.to_owned(),
                });
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    })
}

/// Parses a vendor document (JSON or YAML) into a JSON value.
///
/// # Errors
///
/// When it is neither, or not a mapping with `paths`.
pub fn parse(source_name: &str, bytes: &[u8]) -> Result<Value, UpstreamError> {
    let document = |message: String| UpstreamError::Document {
        source_name: source_name.to_owned(),
        message,
    };
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(_) => {
            let text =
                std::str::from_utf8(bytes).map_err(|e| document(format!("not UTF-8 text: {e}")))?;
            serde_yaml_ng::from_str(text)
                .map_err(|e| document(format!("neither JSON nor YAML: {e}")))?
        }
    };
    if !value.get("paths").is_some_and(Value::is_object) {
        return Err(document(
            "not an OpenAPI document: no `paths` mapping".to_owned(),
        ));
    }
    Ok(value)
}

/// The vendor operations that match ours for one API version, as a self-contained OpenAPI 3.0
/// document, and how many vendor operations of any version we do not describe.
#[derive(Debug, Clone, PartialEq)]
pub struct Extract {
    /// A minimal OpenAPI 3.0.3 document: the matched operations, the component schemas they
    /// reach, and the vendor's security schemes.
    pub document: Value,
    /// How many of our operations the vendor document has.
    pub matched: usize,
}

/// Extracts from `vendor` the operations that `ours` (one of our specs, as JSON) describes.
pub fn extract(vendor: &Value, ours: &Value) -> Extract {
    let mut paths = Map::new();
    let mut matched = 0;
    for (path, item) in object(ours.get("paths")) {
        let Some(vendor_item) = vendor.get("paths").and_then(|p| p.get(path)) else {
            continue;
        };
        let mut kept = Map::new();
        if let Some(parameters) = vendor_item.get("parameters") {
            kept.insert("parameters".to_owned(), parameters.clone());
        }
        for method in METHODS {
            if item.get(*method).is_some()
                && let Some(op) = vendor_item.get(*method)
            {
                kept.insert((*method).to_owned(), op.clone());
                matched += 1;
            }
        }
        if kept.keys().any(|k| METHODS.contains(&k.as_str())) {
            paths.insert(path.clone(), Value::Object(kept));
        }
    }
    let mut document = Value::Object(Map::from_iter([
        ("openapi".to_owned(), Value::from("3.0.3")),
        (
            "info".to_owned(),
            vendor
                .get("info")
                .cloned()
                .unwrap_or_else(|| serde_json::json!({"title": "vendor", "version": "0"})),
        ),
        ("paths".to_owned(), Value::Object(paths)),
    ]));
    let schemas = reachable_schemas(vendor, &document);
    let mut components = Map::new();
    if !schemas.is_empty() {
        components.insert("schemas".to_owned(), Value::Object(schemas));
    }
    for kind in [
        "securitySchemes",
        "responses",
        "parameters",
        "requestBodies",
    ] {
        if let Some(found) = vendor.get("components").and_then(|c| c.get(kind)) {
            components.insert(kind.to_owned(), found.clone());
        }
    }
    if let Some(root) = document.as_object_mut() {
        root.insert("components".to_owned(), Value::Object(components));
        if let Some(security) = vendor.get("security") {
            root.insert("security".to_owned(), security.clone());
        }
    }
    to_openapi_3_0(&mut document);
    Extract { document, matched }
}

/// How many operations the vendor document has that no spec of ours describes.
pub fn unmatched_operations(vendor: &Value, ours: &[Value]) -> usize {
    let covered: BTreeSet<(String, String)> = ours
        .iter()
        .flat_map(|spec| object(spec.get("paths")))
        .flat_map(|(path, item)| {
            METHODS
                .iter()
                .filter(|m| item.get(**m).is_some())
                .map(move |m| (path.clone(), (*m).to_owned()))
        })
        .collect();
    object(vendor.get("paths"))
        .flat_map(|(path, item)| {
            METHODS
                .iter()
                .filter(|m| item.get(**m).is_some())
                .map(move |m| (path.clone(), (*m).to_owned()))
        })
        .filter(|key| !covered.contains(key))
        .count()
}

fn object(value: Option<&Value>) -> impl Iterator<Item = (&String, &Value)> {
    value.and_then(Value::as_object).into_iter().flatten()
}

/// The component schemas that `document` reaches through `#/components/schemas/...`, taken
/// from `vendor`, transitively.
fn reachable_schemas(vendor: &Value, document: &Value) -> Map<String, Value> {
    let all = vendor
        .get("components")
        .and_then(|c| c.get("schemas"))
        .and_then(Value::as_object);
    let mut found: BTreeMap<String, Value> = BTreeMap::new();
    let mut pending: Vec<String> = Vec::new();
    collect_refs(document, &mut pending);
    for kind in ["responses", "parameters", "requestBodies"] {
        if let Some(section) = vendor.get("components").and_then(|c| c.get(kind)) {
            collect_refs(section, &mut pending);
        }
    }
    while let Some(name) = pending.pop() {
        if found.contains_key(&name) {
            continue;
        }
        if let Some(schema) = all.and_then(|a| a.get(&name)) {
            collect_refs(schema, &mut pending);
            found.insert(name, schema.clone());
        }
    }
    found.into_iter().collect()
}

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(name) = map
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
            {
                out.push(name.to_owned());
            }
            map.values().for_each(|v| collect_refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

/// Rewrites the OpenAPI 3.1 spellings the 3.0 model cannot hold: `type: [T, "null"]` becomes
/// `type: T` with `nullable: true`, `const: x` becomes `enum: [x]`, and JSON Schema's
/// `examples` array is dropped (examples are not compared).
fn to_openapi_3_0(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get("type").cloned() {
                let non_null: Vec<&Value> = types.iter().filter(|t| *t != "null").collect();
                if non_null.len() < types.len() {
                    map.insert("nullable".to_owned(), Value::Bool(true));
                }
                match non_null.as_slice() {
                    [single] => {
                        map.insert("type".to_owned(), (*single).clone());
                    }
                    _ => {
                        map.remove("type");
                    }
                }
            }
            if let Some(constant) = map.remove("const") {
                map.insert("enum".to_owned(), Value::Array(vec![constant]));
            }
            if map.get("examples").is_some_and(Value::is_array) {
                map.remove("examples");
            }
            map.values_mut().for_each(to_openapi_3_0);
        }
        Value::Array(items) => items.iter_mut().for_each(to_openapi_3_0),
        _ => {}
    }
}

/// The comparison of one API version of ours with the vendor's operations for it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct VersionReport {
    /// Our spec.
    pub spec: String,
    /// How many of our operations the vendor document has.
    pub matched: usize,
    /// How many operations our spec describes.
    pub ours: usize,
    /// Every wire-level difference, from our spec to the vendor's, sorted.
    pub changes: Vec<generator::drift::Change>,
}

/// The whole upstream comparison.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UpstreamReport {
    /// The vendor document, as named on the command line.
    pub source: String,
    /// One entry per API version of ours.
    pub versions: Vec<VersionReport>,
    /// Vendor operations that no spec of ours describes (counted, not listed).
    pub unmatched: usize,
}

impl UpstreamReport {
    /// Every change of every version.
    pub fn changes(&self) -> impl Iterator<Item = &generator::drift::Change> {
        self.versions.iter().flat_map(|v| v.changes.iter())
    }

    /// How many changes have `level`.
    pub fn count(&self, level: generator::drift::Level) -> usize {
        self.changes().filter(|c| c.level == level).count()
    }

    /// The header line: what was compared and the counts per level.
    pub fn header(&self) -> String {
        use generator::drift::Level;
        let found = self
            .versions
            .iter()
            .map(|v| format!("{} {}/{}", v.spec, v.matched, v.ours))
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "upstream {}: operations found ({found}); {} differences: {} error, {} warning, {} \
             info; {} vendor operations that spec/ does not describe",
            self.source,
            self.changes().count(),
            self.count(Level::Error),
            self.count(Level::Warning),
            self.count(Level::Info),
            self.unmatched,
        )
    }

    /// The same content as `Display`, as JSON for tools: one entry per change (not grouped),
    /// each with its position, and `lines`, one single line per change.
    ///
    /// # Errors
    ///
    /// When serde_json fails to write (it does not for these types).
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        #[derive(serde::Serialize)]
        struct Json<'a> {
            header: String,
            #[serde(flatten)]
            report: &'a UpstreamReport,
            lines: Vec<String>,
        }
        serde_json::to_string_pretty(&Json {
            header: self.header(),
            report: self,
            lines: self.changes().map(ToString::to_string).collect(),
        })
    }

    /// The versions of ours that the vendor document has only some operations of, as notes.
    fn notes(&self) -> Vec<String> {
        self.versions
            .iter()
            .filter(|v| v.matched < v.ours)
            .map(|v| {
                format!(
                    "the vendor document has {} of the {} operations of {}",
                    v.matched, v.ours, v.spec
                )
            })
            .collect()
    }

    /// Every change of every version, in order.
    fn all_changes(&self) -> Vec<generator::drift::Change> {
        self.changes().cloned().collect()
    }

    /// A summary for a pull-request comment: the counts per level, then the changes grouped
    /// by level (see [`render::markdown`]).
    pub fn to_markdown(&self) -> String {
        use generator::drift::Level;
        let counts: Vec<(Level, usize)> = [Level::Error, Level::Warning, Level::Info]
            .into_iter()
            .map(|level| (level, self.count(level)))
            .collect();
        render::markdown(
            &render::Summary {
                title: &format!("composio-link upstream: {}", self.source),
                header: &self.header(),
                notes: &self.notes(),
                counts: &counts,
                bump: None,
            },
            &self.all_changes(),
        )
    }

    /// One GitHub Actions workflow command per change (see [`render::github`]).
    pub fn to_github(&self) -> String {
        render::github(&self.all_changes())
    }

    /// The report in `format`, as `cargo xtask upstream --format` prints it.
    ///
    /// # Errors
    ///
    /// When serde_json fails to write (it does not for these types).
    pub fn render(&self, format: Format) -> Result<String, serde_json::Error> {
        Ok(match format {
            Format::Text => self.to_string(),
            Format::Json => format!("{}\n", self.to_json()?),
            Format::Markdown => self.to_markdown(),
            Format::Github => self.to_github(),
        })
    }
}

impl std::fmt::Display for UpstreamReport {
    /// The header line, the notes, then one line per group of changes that differ only by
    /// response status or operation.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{}", self.header())?;
        for note in self.notes() {
            writeln!(f, "note: {note}")?;
        }
        f.write_str(&render::text(&self.all_changes()))
    }
}

/// Compares every spec of ours under `root` with the vendor document `bytes` (named
/// `source_name` in the report).
///
/// # Errors
///
/// A vendor document that is not JSON/YAML with `paths`, one of our specs that does not
/// load, or vendor operations that do not load as OpenAPI 3.0 once extracted.
pub fn compare(
    root: &Path,
    source_name: &str,
    bytes: &[u8],
) -> Result<UpstreamReport, UpstreamError> {
    let vendor = parse(source_name, bytes)?;
    let mut versions = Vec::new();
    let mut ours_json = Vec::new();
    for version in crate::codegen::versions(root)? {
        let spec_path = crate::codegen::VersionPaths::spec_path(&version);
        let spec_bytes = std::fs::read(root.join(&spec_path)).map_err(|e| UpstreamError::Read {
            path: spec_path.clone(),
            source: e,
        })?;
        let ours = generator::load(&spec_path, &spec_bytes)?;
        let as_json: Value =
            serde_yaml_ng::from_slice(&spec_bytes).map_err(|e| UpstreamError::Document {
                source_name: spec_path.clone(),
                message: e.to_string(),
            })?;
        let extract = extract(&vendor, &as_json);
        let operations = object(as_json.get("paths"))
            .map(|(_, item)| METHODS.iter().filter(|m| item.get(**m).is_some()).count())
            .sum();
        let changes = if extract.matched == 0 {
            Vec::new()
        } else {
            let name = format!("{source_name} ({} operations)", version.name);
            let document =
                serde_json::to_vec(&extract.document).map_err(|e| UpstreamError::Document {
                    source_name: source_name.to_owned(),
                    message: e.to_string(),
                })?;
            // The extract holds the vendor's nodes at their paths in the vendor document:
            // its changes name the vendor document's lines.
            let theirs = generator::load(&name, &document)?
                .with_positions_from(source_name, &String::from_utf8_lossy(bytes));
            generator::drift::wire_changes(&ours, &theirs)
        };
        versions.push(VersionReport {
            spec: spec_path,
            matched: extract.matched,
            ours: operations,
            changes,
        });
        ours_json.push(as_json);
    }
    Ok(UpstreamReport {
        source: source_name.to_owned(),
        versions,
        unmatched: unmatched_operations(&vendor, &ours_json),
    })
}
