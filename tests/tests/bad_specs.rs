//! Bad specs and broken states: every failure of `regen` must be one clear error, pinned by an
//! insta snapshot, with a non-zero exit status, and must leave every generated file
//! byte-identical and no temporary file behind.
//!
//! The corpus is tests/bad-specs/ (its README.md says what each file breaks); a few cases are
//! made here at test time instead (a 30 MB file, invalid UTF-8, a missing spec folder, a spec
//! not named after an API version, a spec folder without a spec). Each test runs
//! `xtask::codegen::regen` on a temporary copy of the workspace layout
//! (`xtask::scratch::Workspace`), never on the real tree, and the copy's generated files are
//! made stale first, so a regen that wrote anything would change them. The exit status is the
//! one `cargo xtask` ends with (`xtask::Error::exit_code`); xtask/tests/exit_status.rs runs the
//! real binary on a representative subset.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use xtask::Error;
use xtask::codegen::{self, Mode, write::temp_path};
use xtask::error::{EXIT_BAD_INPUT, EXIT_IO};
use xtask::layout::{GENERATED_DIR, INDEX_PATH, SPEC_DIR, VersionPaths, workspace_root};
use xtask::scratch::{Entry, Workspace};

/// The valid template that each corpus file breaks in one place.
const CONTROL: &[u8] = include_bytes!("../bad-specs/control-valid.yaml");

/// A temporary copy of the workspace layout: the real specs, and the real generated files made
/// stale.
fn workspace() -> Workspace {
    let workspace = Workspace::layout_of(&workspace_root()).unwrap_or_else(|e| panic!("{e}"));
    workspace.make_stale().unwrap_or_else(|e| panic!("{e}"));
    workspace
}

/// A stale copy whose `spec/v3.1.yaml` is `bytes`. v3 is the older version, so regen
/// generates it, stale, before it reaches the bad spec.
fn with_v3_1(bytes: &[u8]) -> Workspace {
    let workspace = workspace();
    put(&workspace, &format!("{SPEC_DIR}/v3.1.yaml"), bytes);
    workspace
}

fn put(workspace: &Workspace, relative: &str, bytes: &[u8]) {
    workspace
        .put(relative, bytes)
        .unwrap_or_else(|e| panic!("{e}"));
}

fn entries(workspace: &Workspace) -> BTreeMap<PathBuf, Entry> {
    workspace.entries().unwrap_or_else(|e| panic!("{e}"))
}

/// Asserts that `before` and `after` hold the same entries with the same bytes, naming the
/// first difference rather than printing megabytes.
fn assert_same(before: &BTreeMap<PathBuf, Entry>, after: &BTreeMap<PathBuf, Entry>) {
    let names = |m: &BTreeMap<PathBuf, Entry>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(after),
        names(before),
        "the failed regen added or removed files (a temporary file left behind?)"
    );
    for (path, entry) in before {
        assert!(
            after.get(path) == Some(entry),
            "the failed regen changed {}",
            path.display()
        );
    }
}

/// Runs regen in write mode, which must fail and leave every file as it was; returns the error.
fn refused(workspace: &Workspace) -> Error {
    let before = entries(workspace);
    let error = match codegen::regen(workspace.root(), Mode::Write) {
        Ok(report) => panic!("regen accepted the input: {report:?}"),
        Err(e) => e,
    };
    assert_same(&before, &entries(workspace));
    error
}

/// A bad spec must be refused as bad input, with its file, line and column.
fn refused_spec(workspace: &Workspace) -> String {
    let error = refused(workspace);
    assert_eq!(error.exit_code(), EXIT_BAD_INPUT, "{error}");
    match &error {
        Error::Spec(e) => assert!(
            e.location().line_column.is_some(),
            "no line and column in: {e}"
        ),
        other => panic!("not a spec error: {other}"),
    }
    error.to_string()
}

macro_rules! corpus {
    ($($test:ident => $file:literal,)*) => {
        /// Every file of tests/bad-specs/ that must be refused.
        const CORPUS: &[&str] = &[$($file),*];

        $(
            #[test]
            fn $test() {
                let bytes = include_bytes!(concat!("../bad-specs/", $file));
                insta::assert_snapshot!(refused_spec(&with_v3_1(bytes)));
            }
        )*
    };
}

corpus! {
    tab_indent => "tab-indent.yaml",
    unclosed_quote => "unclosed-quote.yaml",
    unclosed_quote_at_end => "unclosed-quote-at-end.yaml",
    duplicate_key => "duplicate-key.yaml",
    empty_file => "empty.yaml",
    not_a_mapping => "not-a-mapping.yaml",
    openapi_3_1 => "openapi-3.1.yaml",
    swagger_2_0 => "swagger-2.0.yaml",
    missing_paths => "missing-paths.yaml",
    unresolved_ref => "unresolved-ref.yaml",
    ref_cycle => "ref-cycle.yaml",
    ref_to_another_file => "ref-to-another-file.yaml",
    ref_not_a_string => "ref-not-a-string.yaml",
    duplicate_operation_id => "duplicate-operation-id.yaml",
    different_error_schemas => "different-error-schemas.yaml",
    path_parameter_not_in_template => "path-parameter-not-in-template.yaml",
    template_variable_without_parameter => "template-variable-without-parameter.yaml",
    response_without_content => "response-without-content.yaml",
    json_without_schema => "json-without-schema.yaml",
    form_data_body => "form-data-body.yaml",
    type_file => "type-file.yaml",
    type_null => "type-null.yaml",
    type_list => "type-list.yaml",
    not_schema => "not-schema.yaml",
    missing_response_description => "missing-response-description.yaml",
    parameter_without_in => "parameter-without-in.yaml",
    properties_not_a_mapping => "properties-not-a-mapping.yaml",
}

#[test]
fn the_control_spec_loads_and_generates() {
    let spec = composio_link_generator::load("control-valid.yaml", CONTROL)
        .unwrap_or_else(|e| panic!("{e}"));
    composio_link_generator::generate(&spec).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn every_corpus_file_has_a_test_and_a_line_in_the_readme() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("bad-specs");
    let readme = fs::read_to_string(folder.join("README.md")).expect("bad-specs/README.md");
    let mut files: Vec<String> = fs::read_dir(&folder)
        .expect("bad-specs/")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".yaml"))
        .collect();
    files.sort();
    let mut tested: Vec<String> = CORPUS.iter().map(|f| (*f).to_owned()).collect();
    tested.push("control-valid.yaml".to_owned());
    tested.sort();
    assert_eq!(files, tested, "bad-specs/ and the corpus! list differ");
    for file in &files {
        assert!(
            readme.contains(&format!("`{file}`")),
            "bad-specs/README.md does not describe `{file}`"
        );
    }
}

#[test]
fn a_30_mb_file() {
    let size = 30 * 1024 * 1024;
    let mut bytes = CONTROL.to_vec();
    let padding = b"# padding: a spec this large is a wrong file, not a spec\n";
    while bytes.len() + padding.len() <= size {
        bytes.extend_from_slice(padding);
    }
    bytes.resize(size, b'#');
    insta::assert_snapshot!(refused_spec(&with_v3_1(&bytes)));
}

#[test]
fn invalid_utf8() {
    let text = String::from_utf8(CONTROL.to_vec()).expect("the control is UTF-8");
    let (before, after) = text
        .split_once("Link session created")
        .expect("the control's 201 description");
    // "créé" in Latin-1, as an editor with the wrong encoding would save it.
    let mut bytes = before.as_bytes().to_vec();
    bytes.extend_from_slice(b"Link session cr\xe9\xe9");
    bytes.extend_from_slice(after.as_bytes());
    insta::assert_snapshot!(refused_spec(&with_v3_1(&bytes)));
}

#[test]
fn the_spec_folder_missing() {
    let workspace = workspace();
    fs::remove_dir_all(workspace.root().join(SPEC_DIR)).expect("remove spec/");
    let error = refused(&workspace);
    assert_eq!(error.exit_code(), EXIT_BAD_INPUT, "{error}");
    insta::assert_snapshot!(error.to_string());
}

#[test]
fn a_spec_not_named_after_an_api_version() {
    let workspace = workspace();
    put(&workspace, &format!("{SPEC_DIR}/latest.yaml"), CONTROL);
    let error = refused(&workspace);
    assert_eq!(error.exit_code(), EXIT_BAD_INPUT, "{error}");
    insta::assert_snapshot!(error.to_string());
}

/// A copy of the v3.1 spec as `spec/v3.2.yaml` whose paths still say `/api/v3.1/` would
/// generate a `v3_2` that calls v3.1.
#[test]
fn a_spec_whose_paths_name_another_version() {
    let workspace = workspace();
    put(&workspace, &format!("{SPEC_DIR}/v3.2.yaml"), CONTROL);
    let error = refused(&workspace);
    assert_eq!(error.exit_code(), EXIT_BAD_INPUT, "{error}");
    insta::assert_snapshot!(error.to_string());
}

#[test]
fn a_spec_folder_without_a_spec() {
    let workspace = workspace();
    for version in xtask::specs::versions(workspace.root()).expect("versions") {
        fs::remove_file(workspace.root().join(version.spec_path())).expect("remove");
    }
    let error = refused(&workspace);
    assert_eq!(error.exit_code(), EXIT_BAD_INPUT, "{error}");
    insta::assert_snapshot!(error.to_string());
}

/// Deleting a spec drops its version: regen removes the version's files (and rewrites the
/// index), and nothing else.
#[test]
fn a_deleted_spec_removes_its_generated_files() {
    let workspace = workspace();
    fs::remove_file(workspace.root().join(format!("{SPEC_DIR}/v3.yaml"))).expect("remove");
    let summary = xtask::summary::regen_summary(workspace.root()).unwrap_or_else(|e| panic!("{e}"));
    let text = summary.to_string();
    assert!(
        text.starts_with("semver: composio-link needs a major version bump")
            && text.contains(
                "v3 (generated-client/src/generated/v3.rs): major, its spec is gone: the module \
                 `composio_link::v3` and `Client::v3()` are removed [module_missing, major]"
            ),
        "{text}"
    );
    let report = codegen::regen(workspace.root(), Mode::Write).unwrap_or_else(|e| panic!("{e}"));
    let removed: Vec<&str> = report
        .stale
        .iter()
        .filter(|s| s.removed)
        .map(|s| s.path.as_str())
        .collect();
    assert_eq!(
        removed,
        [
            format!("{GENERATED_DIR}/v3.rs"),
            format!("{GENERATED_DIR}/v3_mock.rs")
        ]
    );
    for path in removed {
        assert!(!workspace.root().join(path).exists(), "{path} is left");
    }
    let index = fs::read_to_string(workspace.root().join(INDEX_PATH)).expect("index");
    assert!(!index.contains("pub mod v3;"), "{index}");
    assert!(index.contains("pub mod v3_1;"), "{index}");
}

/// The stale copy is what makes the other tests able to fail: with good specs, regen does
/// rewrite both files, leaving no temporary file.
#[test]
fn a_stale_copy_is_rewritten_when_every_spec_is_good() {
    let workspace = workspace();
    let report = codegen::regen(workspace.root(), Mode::Write).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.stale.len(), all_outputs().len());
    let real = workspace_root();
    for output in all_outputs() {
        let written = fs::read(workspace.root().join(&output)).expect("written");
        let committed = fs::read(real.join(&output)).expect("committed");
        assert!(written == committed, "{output} differs");
    }
    let generated: Vec<String> = fs::read_dir(workspace.root().join(GENERATED_DIR))
        .expect("generated/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(generated.len(), all_outputs().len(), "{generated:?}");
}

/// Every generated file, in the order regen writes them.
fn all_outputs() -> Vec<String> {
    codegen::generated_paths(&workspace_root()).expect("versions")
}

/// The path of the temporary file regen writes the last version's output to.
fn last_temp_path(workspace: &Workspace) -> PathBuf {
    let last = all_outputs().pop().expect("an output");
    temp_path(&workspace.root().join(last))
}

/// A full disk: the last temporary file is a link to /dev/full, where every write fails with
/// "no space left", as root too. The first version's temporary file was already written and
/// must be removed again; the link, regen's own temporary path, goes with it.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_changes_nothing_and_leaves_no_temporary_file() {
    let workspace = workspace();
    let before = entries(&workspace);
    let temp = last_temp_path(&workspace);
    std::os::unix::fs::symlink("/dev/full", &temp).expect("link to /dev/full");
    let error = match codegen::regen(workspace.root(), Mode::Write) {
        Ok(report) => panic!("regen wrote to a full disk: {report:?}"),
        Err(e) => e,
    };
    assert_eq!(error.exit_code(), EXIT_IO, "{error}");
    assert_same(&before, &entries(&workspace));
    insta::assert_snapshot!(error.to_string());
}

/// An unwritable path: a folder stands where the last temporary file must go (chmod would not
/// stop root, which the tests may run as).
#[test]
fn an_unwritable_temporary_path_changes_nothing() {
    let workspace = workspace();
    fs::create_dir(last_temp_path(&workspace)).expect("a folder in the way");
    let error = refused(&workspace);
    assert_eq!(error.exit_code(), EXIT_IO, "{error}");
    insta::assert_snapshot!(error.to_string());
}

/// The generated folder is a regular file: nothing can be read or written under it.
#[test]
fn a_generated_folder_that_is_a_file_changes_nothing() {
    let workspace = workspace();
    fs::remove_dir_all(workspace.root().join(GENERATED_DIR)).expect("remove generated/");
    put(&workspace, GENERATED_DIR, b"not a folder\n");
    let error = refused(&workspace);
    assert_eq!(error.exit_code(), EXIT_IO, "{error}");
    insta::assert_snapshot!(error.to_string());
}
