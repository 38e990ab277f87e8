//! `cargo xtask upstream`: spec/ against Composio's own published OpenAPI document
//! (`../shared/upstream/composio-v3-openapi.json`, beside the repository as in CI), classified
//! with the drift rules, pinned in text, Markdown and GitHub forms; the positions it names in
//! both documents; the same report from a file and from a URL served on 127.0.0.1; exit
//! statuses; and that the whole vendor document, given to the regen loader, ends in an error
//! rather than a panic.

use std::path::PathBuf;
use std::process::Command;

use composio_link_tests::{built_artifact, workspace_root};
use httpmock::Method::GET;
use httpmock::MockServer;
use xtask::report::Forms;
use xtask::upstream;

/// The vendor document the workspace is compared against.
fn vendor_path() -> PathBuf {
    let path = workspace_root().join("../shared/upstream/composio-v3-openapi.json");
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

fn vendor_report() -> upstream::UpstreamReport {
    upstream::compare(
        &workspace_root(),
        "composio-v3-openapi.json",
        &vendor_bytes(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_report_on_composios_document_is_pinned() {
    insta::assert_snapshot!(vendor_report().to_string());
}

#[test]
fn the_markdown_report_on_composios_document_is_pinned() {
    insta::assert_snapshot!(vendor_report().to_markdown());
}

#[test]
fn the_github_report_on_composios_document_is_pinned() {
    insta::assert_snapshot!(vendor_report().to_github());
}

/// The `error/slug` removals (every documented error status of every operation) are one line,
/// at the property in our spec.
#[test]
fn the_error_slug_removal_is_one_grouped_line() {
    let text = vendor_report().to_string();
    let slug: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("`error/slug`"))
        .collect();
    assert_eq!(
        slug,
        [
            "error at spec/v3.yaml:1406:9, in API DELETE /connected_accounts/{nanoid} (`400`, \
             `401`, `403`, `500`), GET /auth_configs (`400`, `401`, `404`, `500`), GET \
             /connected_accounts (`400`, `401`, `404`, `422`, `500`), GET \
             /connected_accounts/{nanoid} (`400`, `401`, `403`, `404`, `500`, `501`), PATCH \
             /connected_accounts/{nanoId}/status (`400`, `401`, `403`, `500`), POST \
             /connected_accounts/link (`400`, `401`, `404`, `422`, `500`, `501`), POST \
             /tool_router/session (`400`, `401`, `403`, `500`) and POST \
             /tool_router/session/{session_id}/link (`400`, `401`, `403`, `404`, `500`) removed \
             the required property `error/slug` from the response with the `400`, `401`, `403`, \
             `404`, `422`, `500`, `501` status [response-required-property-removed]."
        ],
        "{text}"
    );
    let ours = std::fs::read_to_string(workspace_root().join("spec/v3.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        composio_link_tests::text_at(&ours, 1406, 9).as_deref(),
        Some("slug:")
    );
    // JSON keeps one entry per change.
    let report = vendor_report();
    let removals = report
        .changes()
        .filter(|c| c.id == "response-required-property-removed")
        .count();
    assert_eq!(removals, 41);
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
    for (rule, expected) in [
        ("request-property-min-length-increased", "\"user_id\": {"),
        ("request-property-type-changed", "\"connection_data\": {"),
        ("api-security-component-added", "\"CookieAuth\": {"),
    ] {
        let change = report
            .changes()
            .find(|c| c.id == rule)
            .unwrap_or_else(|| panic!("no {rule}"));
        assert_eq!(change.position.file, "composio-v3-openapi.json");
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
/// the vendor's is listed, each on the vendor document's line of the property.
#[test]
fn the_connected_account_read_is_compared_too() {
    let report = vendor_report();
    let text = report.to_string();
    for property in [
        "user_id",
        "state",
        "data",
        "params",
        "auth_config/auth_scheme",
    ] {
        let expected = format!(
            "in API GET /connected_accounts/{{nanoid}} added the required property `{property}` \
             to the response with the `200` status [response-required-property-added]."
        );
        assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
    }
    let vendor = String::from_utf8(vendor_bytes()).unwrap_or_else(|e| panic!("{e}"));
    let user_id = report
        .changes()
        .find(|c| c.id == "response-required-property-added" && c.text.contains("`user_id`"))
        .unwrap_or_else(|| panic!("no user_id change in:\n{text}"));
    let found =
        composio_link_tests::text_at(&vendor, user_id.position.line, user_id.position.column)
            .unwrap_or_default();
    assert!(found.starts_with("\"user_id\": {"), "{found:?}");
    // The parameter, the status enum and the nullable status_reason agree with the vendor's.
    for agreed in ["`nanoid`", "`status_reason`", "enum value"] {
        assert!(
            !text.lines().any(|l| l.contains("GET /connected_accounts")
                && l.contains(agreed)
                && !l.contains("description")),
            "{agreed} differs:\n{text}"
        );
    }
}

#[test]
fn the_report_shows_what_the_vendor_document_disagrees_on() {
    let text = upstream::compare(&workspace_root(), "vendor.json", &vendor_bytes())
        .unwrap_or_else(|e| panic!("{e}"))
        .to_string();
    for expected in [
        // user_id has minLength 1 upstream, not in the docs pages.
        "in API POST /connected_accounts/link the `user_id` request property's minLength was \
         increased from `0` to `1` [request-property-min-length-increased].",
        // toolkit has minLength 1 upstream on v3 too.
        "in API POST /tool_router/session/{session_id}/link the `toolkit` request property's \
         minLength was increased from `0` to `1` [request-property-min-length-increased].",
        // The cookie scheme upstream, and no user-key scheme there.
        "the component security scheme `CookieAuth` was added [api-security-component-added].",
        "the component security scheme `UserApiKeyAuth` was removed \
         [api-security-component-removed].",
        // connection_data is an anyOf of shapes upstream, one flat object here.
        "the `connection_data` request property `type` changed from `object` to `anyOf(68)` \
         [request-property-type-changed].",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(
        text.lines().next().is_some_and(|header| header
            .contains("operations found (spec/v3.yaml 8/8, spec/v3.1.yaml 0/8)")
            && header.contains("52 vendor operations that spec/ does not describe")),
        "{text}"
    );
}

#[test]
fn a_url_served_on_loopback_gives_the_same_report_and_exit_1() {
    let server = MockServer::start();
    let bytes = vendor_bytes();
    let mock = server.mock(|when, then| {
        when.method(GET).path("/openapi.json");
        then.status(200)
            .header("content-type", "application/json")
            .body(bytes.clone());
    });
    let url = format!("{}/openapi.json", server.base_url());
    let from_url = xtask(&["upstream", &url]);
    mock.assert();
    assert_eq!(
        from_url.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&from_url.stderr)
    );
    let path = vendor_path();
    let from_file = xtask(&["upstream", &path.to_string_lossy()]);
    assert_eq!(from_file.status.code(), Some(1));
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
    let out = xtask(&[
        "upstream",
        "--format",
        "json",
        &vendor_path().to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    let lines = json["lines"].as_array().map_or(0, Vec::len);
    let errors = json["versions"][0]["changes"]
        .as_array()
        .map_or(0, Vec::len);
    assert!(
        lines > 0 && lines == errors,
        "{lines} lines, {errors} changes"
    );
    assert!(
        json["header"]
            .as_str()
            .is_some_and(|h| h.starts_with("upstream "))
    );
}

#[test]
fn our_own_spec_as_the_vendor_document_differs_in_nothing() {
    let ours =
        std::fs::read(workspace_root().join("spec/v3.yaml")).unwrap_or_else(|e| panic!("{e}"));
    let report = upstream::compare(&workspace_root(), "spec/v3.yaml", &ours)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.changes().count(), 0, "{report}");
    assert_eq!(report.unmatched, 0);
    let path = workspace_root().join("spec/v3.yaml");
    let out = xtask(&["upstream", &path.to_string_lossy()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
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
