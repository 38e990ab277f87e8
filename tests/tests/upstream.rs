//! `cargo xtask upstream`: spec/ against Composio's own published OpenAPI documents
//! (`../shared/upstream/composio-v3-openapi.json` and `composio-v3-openapi-newest.json`,
//! beside the repository as in CI), classified with the drift rules, pinned in text, Markdown
//! and GitHub forms; the positions it names in both documents; v3.1, which the vendor has no
//! route of, compared with its v3 routes and every line saying so; the reviewed baseline
//! (`upstream-accepted.toml`: nothing new on either document, a removed entry is new again, an
//! entry that accepts nothing is stale, a bad entry is named by line and field); the same
//! report from a file and from a URL served on 127.0.0.1; exit statuses; and that the whole
//! vendor document, given to the regen loader, ends in an error rather than a panic.

use std::path::{Path, PathBuf};
use std::process::Command;

use composio_link_tests::{built_artifact, workspace_root};
use httpmock::Method::GET;
use httpmock::MockServer;
use xtask::report::Forms;
use xtask::upstream;

/// The older vendor document.
const OLDER: &str = "composio-v3-openapi.json";
/// The newer vendor document.
const NEWEST: &str = "composio-v3-openapi-newest.json";

/// The older vendor document the workspace is compared against.
fn vendor_path() -> PathBuf {
    document_path(OLDER)
}

/// A vendor document of `../shared/upstream/`.
fn document_path(name: &str) -> PathBuf {
    let path = workspace_root().join("../shared/upstream").join(name);
    assert!(
        path.is_file(),
        "{} is missing: these tests need the shared/ folder beside the repository, as CI has it",
        path.display()
    );
    path
}

fn vendor_bytes() -> Vec<u8> {
    std::fs::read(vendor_path()).unwrap_or_else(|e| panic!("{e}"))
}

fn xtask(args: &[&str]) -> std::process::Output {
    Command::new(built_artifact("xtask"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run xtask: {e}"))
}

/// The report on the document `name` with no baseline: every difference is new.
fn report_without_baseline(name: &str) -> upstream::UpstreamReport {
    let bytes = std::fs::read(document_path(name)).unwrap_or_else(|e| panic!("{e}"));
    upstream::compare(
        &workspace_root(),
        name,
        &bytes,
        &upstream::Baseline::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// The report on the older document, with no baseline.
fn vendor_report() -> upstream::UpstreamReport {
    report_without_baseline(OLDER)
}

/// The report on the document `name` with the repository's baseline, accepted differences
/// listed.
fn report_with_baseline(name: &str) -> upstream::UpstreamReport {
    let root = workspace_root();
    let baseline = upstream::read_baseline(&root, None).unwrap_or_else(|e| panic!("{e}"));
    let bytes = std::fs::read(document_path(name)).unwrap_or_else(|e| panic!("{e}"));
    let mut report =
        upstream::compare(&root, name, &bytes, &baseline).unwrap_or_else(|e| panic!("{e}"));
    report.show_accepted = true;
    report
}

#[test]
fn the_report_on_composios_document_is_pinned() {
    insta::assert_snapshot!(report_with_baseline(OLDER).to_string());
}

#[test]
fn the_report_on_composios_newest_document_is_pinned() {
    insta::assert_snapshot!(report_with_baseline(NEWEST).to_string());
}

#[test]
fn the_markdown_report_on_composios_document_is_pinned() {
    insta::assert_snapshot!(report_with_baseline(OLDER).to_markdown());
}

/// Without a baseline every difference is new: the Markdown and GitHub forms of the newest
/// document's whole comparison, both versions.
#[test]
fn the_markdown_report_on_the_newest_document_without_baseline_is_pinned() {
    insta::assert_snapshot!(report_without_baseline(NEWEST).to_markdown());
}

#[test]
fn the_github_report_on_the_newest_document_without_baseline_is_pinned() {
    insta::assert_snapshot!(report_without_baseline(NEWEST).to_github());
}

/// The `error/slug` removals of v3 (every documented error status of every operation) are one
/// line, at the property in our spec; v3.1's are another, which names the vendor's v3 routes
/// they were compared with.
#[test]
fn the_error_slug_removal_is_one_grouped_line() {
    let text = vendor_report().to_string();
    let slug: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("`error/slug`"))
        .collect();
    let ours = std::fs::read_to_string(workspace_root().join("spec/v3.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    // ErrorDetail's, the last `slug` of the file (the toolkit has one too).
    let line = ours
        .lines()
        .collect::<Vec<_>>()
        .iter()
        .rposition(|l| *l == "        slug:")
        .map_or(0, |index| index + 1);
    assert_eq!(slug.len(), 2, "{text}");
    assert!(
        slug[0].starts_with(&format!("error at spec/v3.yaml:{line}:9, in API ")),
        "{}",
        slug[0]
    );
    assert!(
        slug[0].ends_with(
            "removed the required property `error/slug` from the response with the `400`, \
             `401`, `403`, `404`, `422`, `500`, `501` status [response-required-property-removed]."
        ),
        "{}",
        slug[0]
    );
    for operation in [
        "DELETE /api/v3/connected_accounts/{nanoid} (`400`, `401`, `403`, `500`)",
        "GET /api/v3/auth_configs (`400`, `401`, `404`, `500`)",
        "GET /api/v3/connected_accounts (`400`, `401`, `404`, `422`, `500`)",
        "GET /api/v3/connected_accounts/{nanoid} (`400`, `401`, `403`, `404`, `500`, `501`)",
        "PATCH /api/v3/connected_accounts/{nanoId}/status (`400`, `401`, `403`, `500`)",
        "POST /api/v3/connected_accounts/link (`400`, `401`, `404`, `422`, `500`, `501`)",
        "POST /api/v3/tool_router/session (`400`, `401`, `403`, `500`)",
        "POST /api/v3/tool_router/session/{session_id}/link (`400`, `401`, `403`, `404`, `500`)",
    ] {
        assert!(slug[0].contains(operation), "{operation} in {}", slug[0]);
    }
    assert!(
        slug[1].starts_with("error at spec/v3.1.yaml:")
            && slug[1].contains(
                "GET /api/v3.1/connected_accounts/{nanoid} (compared with GET \
                 /api/v3/connected_accounts/{nanoid}) (`400`,"
            ),
        "{}",
        slug[1]
    );
    // JSON keeps one entry per change.
    let report = vendor_report();
    let removals = report
        .changes()
        .filter(|c| c.id == "response-required-property-removed" && c.subject == "error/slug")
        .count();
    assert_eq!(removals, 76);
}

/// What the vendor has is placed on the vendor document's own lines, every line names one.
#[test]
fn vendor_changes_name_the_vendor_documents_lines() {
    let report = vendor_report();
    let vendor = String::from_utf8(vendor_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let text = report.to_string();
    for line in text
        .lines()
        .filter(|l| !l.starts_with("upstream ") && !l.starts_with("note: "))
    {
        assert!(
            composio_link_tests::line_position(line).is_some(),
            "no file:line:column in {line:?}"
        );
    }
    for (rule, subject, expected) in [
        (
            "response-required-property-added",
            "user_id",
            "\"user_id\": {",
        ),
        (
            "request-property-type-changed",
            "connection_data type",
            "\"connection_data\": {",
        ),
        (
            "api-security-component-added",
            "CookieAuth",
            "\"CookieAuth\": {",
        ),
    ] {
        let change = report
            .changes()
            .find(|c| c.id == rule && c.subject == subject)
            .unwrap_or_else(|| panic!("no {rule}"));
        assert_eq!(change.position.file, OLDER);
        let found =
            composio_link_tests::text_at(&vendor, change.position.line, change.position.column)
                .unwrap_or_default();
        assert!(
            found.starts_with(expected),
            "{rule} at {}: {found:?}",
            change.position
        );
    }
}

/// The read of a connected account is compared too: what our trimmed 200 body leaves out of
/// the vendor's is listed, each on the vendor document's line of the property; what was
/// adopted (REVOKED, `alias`, `word_id`) no longer differs.
#[test]
fn the_connected_account_read_is_compared_too() {
    let report = report_without_baseline(NEWEST);
    let text = report.to_string();
    for property in [
        "user_id",
        "state",
        "data",
        "params",
        "auth_config/auth_scheme",
    ] {
        let expected = format!(
            "in API GET /api/v3/connected_accounts/{{nanoid}} added the required property \
             `{property}` to the response with the `200` status [response-required-property-added]."
        );
        assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
    }
    let vendor = std::fs::read_to_string(document_path(NEWEST)).unwrap_or_else(|e| panic!("{e}"));
    let user_id = report
        .changes()
        .find(|c| c.id == "response-required-property-added" && c.subject == "user_id")
        .unwrap_or_else(|| panic!("no user_id change in:\n{text}"));
    let found =
        composio_link_tests::text_at(&vendor, user_id.position.line, user_id.position.column)
            .unwrap_or_default();
    assert!(found.starts_with("\"user_id\": {"), "{found:?}");
    // The parameter, the status enum and the nullable status_reason agree with the vendor's, in
    // both versions; the adopted `alias` and `word_id` differ only in that the vendor requires
    // them (ours are optional, so that an older server's account still decodes).
    for field in ["`alias`", "`word_id`"] {
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| {
                l.contains("GET /api/v3") && l.contains(field) && !l.contains("description")
            })
            .collect();
        assert_eq!(lines.len(), 2, "{field}: {lines:#?}");
        assert!(
            lines
                .iter()
                .all(|l| l.ends_with("[response-property-became-required].")),
            "{field}: {lines:#?}"
        );
    }
    for agreed in ["`nanoid`", "`status_reason`", "enum value"] {
        assert!(
            !text.lines().any(|l| l.contains("GET /api/v3")
                && l.contains(agreed)
                && !l.contains("description")),
            "{agreed} differs:\n{text}"
        );
    }
}

#[test]
fn the_report_shows_what_the_vendor_document_disagrees_on() {
    let text = upstream::compare(
        &workspace_root(),
        "vendor.json",
        &vendor_bytes(),
        &upstream::Baseline::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .to_string();
    for expected in [
        // The cookie scheme upstream, and no user-key scheme there.
        "the component security scheme `CookieAuth` was added [api-security-component-added].",
        "the component security scheme `UserApiKeyAuth` was removed \
         [api-security-component-removed].",
        // connection_data is an anyOf of shapes upstream, one flat object here.
        "the `connection_data` request property `type` changed from `object` to `anyOf(68)` \
         [request-property-type-changed].",
        // The older document predates the adopted REVOKED.
        "removed the `REVOKED` enum value from the `status` response property",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // The adopted minimum lengths (user_id, v3's toolkit) agree now.
    assert!(!text.contains("minLength was increased"), "{text}");
    assert!(
        text.lines().next().is_some_and(|header| header.contains(
            "operations found (spec/v3.yaml 8/8, spec/v3.1.yaml 8/8 as the vendor's v3)"
        ) && header
            .contains("52 vendor operations that spec/ does not describe")),
        "{text}"
    );
}

/// v3.1, which the vendor document has no route of, is compared with its v3 routes: every
/// line about one of its operations, in every form, names the vendor route it was compared
/// with; v3's lines, whose routes are the vendor's, do not.
#[test]
fn v3_1_lines_name_the_vendor_route_they_were_compared_with() {
    let report = report_without_baseline(NEWEST);
    let text = report.to_string();
    let v3_1: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("in API ") && l.contains("/api/v3.1/"))
        .collect();
    assert!(v3_1.len() > 10, "{text}");
    for line in &v3_1 {
        for operation in line.split("/api/v3.1/").skip(1) {
            let path = operation.split([' ', ')']).next().unwrap_or_default();
            assert!(
                line.contains(&format!("/api/v3.1/{path} (compared with "))
                    && line.contains(&format!(" /api/v3/{path})")),
                "{path} without its vendor route: {line}"
            );
        }
    }
    assert!(
        text.contains(
            "in API GET /api/v3.1/connected_accounts/{nanoid} (compared with GET \
             /api/v3/connected_accounts/{nanoid}) added the required property `user_id`"
        ),
        "{text}"
    );
    assert!(
        !text.lines().any(|l| l.contains("/api/v3/")
            && !l.contains("/api/v3.1/")
            && l.contains("compared with")),
        "{text}"
    );
    assert!(
        text.contains("note: the vendor document has no v3.1 route"),
        "{text}"
    );
    for form in [report.to_markdown(), report.to_github()] {
        assert!(
            form.lines()
                .filter(|l| l.contains("/api/v3.1/"))
                .all(|l| l.contains("(compared with ")),
            "{form}"
        );
    }
    let json: serde_json::Value = serde_json::from_str(&report.to_json().unwrap_or_default())
        .unwrap_or_else(|e| panic!("not JSON: {e}"));
    let v3_1_changes = json["versions"][1]["changes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!v3_1_changes.is_empty());
    for change in v3_1_changes.iter().filter(|c| c.get("operation").is_some()) {
        assert!(
            change["compared_with"]
                .as_str()
                .is_some_and(|p| p.starts_with("/api/v3/"))
                && change["entry"]["operation"]
                    .as_str()
                    .is_some_and(|o| o.contains("/api/v3.1/")),
            "{change}"
        );
    }
}

/// The repository's baseline accounts for every difference of both documents, and none of
/// its entries is stale on either.
#[test]
fn with_the_baseline_neither_document_has_a_new_difference() {
    for name in [OLDER, NEWEST] {
        let out = xtask(&["upstream", &document_path(name).to_string_lossy()]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.contains("; 0 new differences: 0 error, 0 warning, 0 info; ")
                && stdout
                    .contains(" accepted by upstream-accepted.toml; 0 stale baseline entries;"),
            "{name}: {stdout}"
        );
        assert!(
            !stdout.contains(" at "),
            "{name} lists a difference: {stdout}"
        );
    }
}

/// The baseline's text with the entry that starts at `line` (its `[[accepted]]`) removed, and
/// that entry.
fn without_entry(text: &str, line: usize) -> (String, String) {
    let lines: Vec<&str> = text.lines().collect();
    let end = lines[line..]
        .iter()
        .position(|l| l.is_empty())
        .map_or(lines.len(), |n| line + n);
    let entry = lines[line - 1..end].join("\n");
    let rest = [&lines[..line - 1], &lines[end..]].concat().join("\n");
    (rest + "\n", entry)
}

/// The baseline of the repository.
fn baseline_text() -> String {
    std::fs::read_to_string(workspace_root().join(upstream::DEFAULT_BASELINE))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A baseline of a test's own: `text` written as `name` in a scratch folder, which lives as long
/// as the workspace returned with its path.
fn scratch_baseline(name: &str, text: &str) -> (xtask::scratch::Workspace, PathBuf) {
    let scratch = xtask::scratch::Workspace::empty().unwrap_or_else(|e| panic!("{e}"));
    scratch
        .put(name, text.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    let path = scratch.path(name);
    (scratch, path)
}

/// `xtask upstream` with `options`, then the baseline at `baseline`, on the vendor document at
/// `document`.
fn upstream_with_baseline(
    options: &[&str],
    baseline: &Path,
    document: &Path,
) -> std::process::Output {
    let baseline = baseline.to_string_lossy();
    let document = document.to_string_lossy();
    let mut args = vec!["upstream"];
    args.extend_from_slice(options);
    args.extend(["--baseline", &baseline, &document]);
    xtask(&args)
}

/// The 1-based line of the entry accepting `where_` under `rule` for `operation`.
fn entry_line(rule: &str, operation: &str, where_: &str) -> usize {
    let baseline =
        upstream::read_baseline(&workspace_root(), None).unwrap_or_else(|e| panic!("{e}"));
    baseline
        .entries
        .iter()
        .find(|e| e.rule == rule && e.operation == operation && e.subject == where_)
        .map_or_else(
            || panic!("no entry {rule} {operation} {where_}"),
            |e| e.line,
        )
}

/// Removing one entry makes the differences it accepted new again: exit 1, each named.
#[test]
fn a_removed_baseline_entry_makes_its_difference_new_again() {
    let line = entry_line(
        "response-required-property-removed",
        "GET /api/v3/connected_accounts/{nanoid}",
        "error/slug",
    );
    let (text, removed) = without_entry(&baseline_text(), line);
    assert!(removed.contains("where = \"error/slug\""), "{removed}");
    let (_scratch, baseline) = scratch_baseline("edited.toml", &text);
    let out = upstream_with_baseline(&[], &baseline, &vendor_path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("; 6 new differences: 6 error, 0 warning, 0 info; "),
        "{stdout}"
    );
    let new: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("error at "))
        .collect();
    assert_eq!(new.len(), 1, "{stdout}");
    assert!(
        new[0].contains(
            "in API GET /api/v3/connected_accounts/{nanoid} removed the required property \
             `error/slug` from the response with the `400`, `401`, `403`, `404`, `500`, `501` \
             status [response-required-property-removed]."
        ),
        "{stdout}"
    );
    // The newest document never had that difference: the entry applies to the older one only,
    // so removing it changes nothing there.
    let newest = upstream_with_baseline(&[], &baseline, &document_path(NEWEST));
    assert_eq!(
        newest.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&newest.stdout)
    );
}

/// An entry that accepts nothing in the document it applies to is stale: named with its line,
/// exit 1. The same entry limited to the other document is not stale here.
#[test]
fn a_baseline_entry_that_matches_nothing_is_reported_stale() {
    let mut text = baseline_text();
    let line = text.lines().count() + 2;
    text.push_str(
        "\n[[accepted]]\nrule = \"request-property-removed\"\nversion = \"v3\"\n\
         operation = \"POST /api/v3/connected_accounts/link\"\nwhere = \"no_such_field\"\n\
         why = \"A field the vendor never had.\"\n",
    );
    let (_scratch, baseline) = scratch_baseline("stale.toml", &text);
    let out = upstream_with_baseline(&[], &baseline, &vendor_path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("; 0 new differences: "), "{stdout}");
    assert!(stdout.contains("; 1 stale baseline entries; "), "{stdout}");
    let stale: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("stale at "))
        .collect();
    assert_eq!(
        stale,
        [format!(
            "stale at {}:{line}, the baseline entry (request-property-removed, v3, POST \
             /api/v3/connected_accounts/link, `no_such_field`) accepts no difference of {OLDER}: \
             remove it, or name the documents it applies to [stale-baseline-entry].",
            baseline.display()
        )],
        "{stdout}"
    );
    let github = upstream_with_baseline(&["--format", "github"], &baseline, &vendor_path());
    assert!(
        String::from_utf8_lossy(&github.stdout).contains(&format!(
            ",line={line},title=stale-baseline-entry::stale at "
        )),
        "{}",
        String::from_utf8_lossy(&github.stdout)
    );
    // Limited to the newest document, it is not this document's business.
    let limited = text.replace(
        "where = \"no_such_field\"\n",
        &format!("where = \"no_such_field\"\ndocuments = [\"{NEWEST}\"]\n"),
    );
    let (_limited_scratch, limited) = scratch_baseline("limited.toml", &limited);
    let out = upstream_with_baseline(&[], &limited, &vendor_path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// A baseline that is not what it must be stops the run with exit 2, naming the file, the line
/// and the field; nothing is compared.
#[test]
fn a_bad_baseline_exits_2_naming_its_line_and_field() {
    let text = baseline_text();
    let line = entry_line(
        "response-required-property-removed",
        "GET /api/v3/connected_accounts/{nanoid}",
        "error/slug",
    );
    let lines: Vec<&str> = text.lines().collect();
    let why = lines[line..]
        .iter()
        .position(|l| l.starts_with("why = "))
        .map_or(0, |n| line + n + 1);
    for (name, edited, expected) in [
        (
            "empty_why.toml",
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| if i + 1 == why { "why = \"\"" } else { l })
                .collect::<Vec<_>>()
                .join("\n"),
            format!("empty_why.toml:{why}: `why` is empty: say why the difference is accepted"),
        ),
        (
            "no_why.toml",
            lines
                .iter()
                .enumerate()
                .filter(|(i, _)| i + 1 != why)
                .map(|(_, l)| *l)
                .collect::<Vec<_>>()
                .join("\n"),
            format!("no_why.toml:{line}: missing field `why`"),
        ),
        (
            "bad_rule.toml",
            text.replacen(
                "rule = \"api-security-added\"",
                "rule = \"api-security-adder\"",
                1,
            ),
            "bad_rule.toml:20: `rule`: `api-security-adder` is not a wire-level drift rule ID"
                .to_owned(),
        ),
    ] {
        let (_scratch, baseline) = scratch_baseline(name, &edited);
        let out = upstream_with_baseline(&[], &baseline, &vendor_path());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(out.stdout.is_empty(), "{name}");
        assert!(
            stderr.contains(&expected),
            "{name}: expected {expected:?} in {stderr}"
        );
    }
    let missing = upstream_with_baseline(
        &[],
        Path::new("/nonexistent/upstream-accepted.toml"),
        &vendor_path(),
    );
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn a_url_served_on_loopback_gives_the_same_report() {
    let server = MockServer::start();
    let bytes = vendor_bytes();
    // Served where Composio serves it, under a name the baseline's `documents` do not know:
    // `--document` names the copy its entries were written against.
    let mock = server.mock(|when, then| {
        when.method(GET).path("/api/v3/openapi.json");
        then.status(200)
            .header("content-type", "application/json")
            .body(bytes.clone());
    });
    let url = format!("{}/api/v3/openapi.json", server.base_url());
    let unnamed = xtask(&["upstream", &url]);
    assert_eq!(
        unnamed.status.code(),
        Some(1),
        "the entries that name {OLDER} do not apply to openapi.json"
    );
    let from_url = xtask(&["upstream", "--show-accepted", "--document", OLDER, &url]);
    mock.assert_calls(2);
    assert_eq!(
        from_url.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&from_url.stderr)
    );
    let path = vendor_path();
    let from_file = xtask(&["upstream", "--show-accepted", &path.to_string_lossy()]);
    assert_eq!(from_file.status.code(), Some(0));
    let without_source = |out: &std::process::Output, source: &str| {
        String::from_utf8_lossy(&out.stdout).replace(source, "<vendor>")
    };
    assert_eq!(
        without_source(&from_url, &url),
        without_source(&from_file, &path.to_string_lossy())
    );
}

#[test]
fn json_output_carries_the_same_lines() {
    let (_scratch, empty) = scratch_baseline("empty.toml", "");
    let out = upstream_with_baseline(&["--format", "json"], &empty, &vendor_path());
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    let lines = json["lines"].as_array().map_or(0, Vec::len);
    let changes: Vec<serde_json::Value> = json["versions"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|v| v["changes"].as_array().cloned().unwrap_or_default())
        .collect();
    assert!(
        lines > 0 && lines == changes.len(),
        "{lines} lines, {} changes",
        changes.len()
    );
    // Each names the four fields a baseline entry accepting it would.
    for change in &changes {
        let entry = &change["entry"];
        assert!(
            ["rule", "version", "operation", "where"]
                .iter()
                .all(|field| entry[field].as_str().is_some_and(|v| !v.is_empty())),
            "{change}"
        );
        assert_eq!(entry["rule"], change["id"]);
    }
    assert!(
        json["header"]
            .as_str()
            .is_some_and(|h| h.starts_with("upstream "))
    );
}

/// Our v3 spec as the vendor document: v3 differs in nothing, and v3.1, compared with its v3
/// routes, differs only where v3.1 differs from v3 (what `cargo xtask drift` lists the other
/// way round).
#[test]
fn our_own_spec_as_the_vendor_document_differs_only_by_version() {
    let ours =
        std::fs::read(workspace_root().join("spec/v3.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let report = upstream::compare(
        &workspace_root(),
        "spec/v3.yaml",
        &ours,
        &upstream::Baseline::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.unmatched, 0);
    assert_eq!(report.versions[0].version, "v3");
    assert!(report.versions[0].changes.is_empty(), "{report}");
    let v3_1: Vec<(&str, &str)> = report.versions[1]
        .changes
        .iter()
        .filter(|f| f.change.id != "description-changed")
        .map(|f| (f.change.id, f.change.subject.as_str()))
        .collect();
    assert_eq!(
        v3_1,
        [
            ("request-property-removed", "account_type"),
            ("request-property-removed", "alias"),
            ("response-optional-property-removed", "account_type"),
            ("request-property-removed", "alias"),
            ("request-property-removed", "experimental"),
            ("response-optional-property-removed", "experimental"),
        ],
        "{report}"
    );
}

#[test]
fn bad_input_exits_2_and_plain_http_elsewhere_is_refused_unsent() {
    // YAML, but not an OpenAPI document.
    let not_openapi = xtask(&[
        "upstream",
        &workspace_root().join("redocly.yaml").to_string_lossy(),
    ]);
    assert_eq!(not_openapi.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&not_openapi.stderr).contains("no `paths` mapping"),
        "{}",
        String::from_utf8_lossy(&not_openapi.stderr)
    );
    let missing = xtask(&["upstream", "/nonexistent/openapi.json"]);
    assert_eq!(missing.status.code(), Some(2));
    // Plain http to a host that is not loopback is refused before any connection is attempted;
    // 0.0.0.0 is not loopback by that rule, yet a regression could only reach this machine.
    let insecure = xtask(&["upstream", "http://0.0.0.0:9/openapi.json"]);
    assert_eq!(insecure.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&insecure.stderr).contains("only https URLs are fetched"),
        "{}",
        String::from_utf8_lossy(&insecure.stderr)
    );
}

#[test]
fn the_whole_vendor_document_as_a_spec_is_an_error_not_a_panic() {
    let bytes = vendor_bytes();
    let outcome = composio_link_generator::load("composio-v3-openapi.json", &bytes)
        .and_then(|spec| composio_link_generator::generate(&spec));
    let error = match outcome {
        Ok(_) => panic!("progenitor 0.15.1 cannot generate the whole vendor document"),
        Err(e) => e.to_string(),
    };
    insta::assert_snapshot!(error);
}
