//! The spec loader never panics, whatever the bytes: a property test over mutated real specs,
//! YAML-token soup and random bytes (over 10 000 cases in all, a few seconds of `cargo test`).
//!
//! Every input must come back as a loaded spec or as an error that names the file; a panic
//! fails the test with the smallest input proptest can shrink it to. Windows of the real specs
//! are mutated rather than whole specs so that a case costs well under a millisecond in a debug
//! build; a smaller property runs whole mutated specs through the generator as well. Raise the
//! counts with `PROPTEST_CASES` for a longer run (it overrides every `cases` below).

use composio_link_generator::{Error, generate, load};
use proptest::prelude::*;
use proptest::test_runner::Config;

const FILE: &str = "spec/v3.1.yaml";

const REAL_SPECS: [&[u8]; 2] = [
    include_bytes!("../../spec/v3.yaml"),
    include_bytes!("../../spec/v3.1.yaml"),
];

/// Bytes that mean something to a YAML parser, inserted far more often than chance would.
const SIGNIFICANT: &[u8] = b":-'\"\t\n #&*!|>?{}[],%@`~\\\r";

/// Pieces of YAML and OpenAPI for the token soup.
const TOKENS: &[&str] = &[
    "openapi: 3.0.3\n",
    "openapi: 3.1.0\n",
    "swagger: '2.0'\n",
    "info:\n  title: t\n  version: v\n",
    "paths:\n",
    "  /a/{id}:\n",
    "    post:\n",
    "      operationId: x\n",
    "      responses:\n",
    "        '201':\n",
    "          description: d\n",
    "components:\n  schemas:\n",
    "$ref: '#/components/schemas/X'\n",
    "type: ",
    "[string, 'null']",
    "  ",
    "- ",
    ": ",
    "'",
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    "&a ",
    "*a",
    "<<: *a\n",
    "!!str ",
    "!tag ",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "? ",
    "|\n",
    ">-\n",
    "\t",
    "#",
    "\n",
    "~",
    "null",
    "1e999",
    "0x1F",
    "\u{feff}",
    "é",
];

/// One edit of a byte string, at a position given as a fraction of its length.
#[derive(Debug, Clone)]
enum Edit {
    Insert(u16, u8),
    Delete(u16, u8),
    Replace(u16, u8),
    /// Copies a run of the input to another place (a duplicated key, a repeated block).
    Duplicate(u16, u16, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    let byte = prop_oneof![
        3 => proptest::sample::select(SIGNIFICANT),
        1 => any::<u8>(),
    ];
    prop_oneof![
        (any::<u16>(), byte.clone()).prop_map(|(at, b)| Edit::Insert(at, b)),
        (any::<u16>(), 1..16u8).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<u16>(), byte).prop_map(|(at, b)| Edit::Replace(at, b)),
        (any::<u16>(), any::<u16>(), 1..64u8)
            .prop_map(|(from, to, n)| Edit::Duplicate(from, to, n)),
    ]
}

fn position(at: u16, len: usize) -> usize {
    len * usize::from(at) / (usize::from(u16::MAX) + 1)
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for edit in edits {
        let len = bytes.len();
        match *edit {
            Edit::Insert(at, b) => bytes.insert(position(at, len + 1), b),
            Edit::Delete(at, n) => {
                let start = position(at, len);
                let end = (start + usize::from(n)).min(len);
                bytes.drain(start..end);
            }
            Edit::Replace(at, b) => {
                if len > 0 {
                    bytes[position(at, len)] = b;
                }
            }
            Edit::Duplicate(from, to, n) => {
                let start = position(from, len);
                let end = (start + usize::from(n)).min(len);
                let run = bytes[start..end].to_vec();
                let to = position(to, len + 1);
                bytes.splice(to..to, run);
            }
        }
    }
    bytes
}

/// A window of one real spec (up to 3 KB from anywhere in it), mutated.
fn mutated_window() -> impl Strategy<Value = Vec<u8>> {
    (
        0..REAL_SPECS.len(),
        any::<u16>(),
        0..3072usize,
        proptest::collection::vec(edit(), 0..8),
    )
        .prop_map(|(spec, start, len, edits)| {
            let spec = REAL_SPECS[spec];
            let start = position(start, spec.len());
            let end = (start + len).min(spec.len());
            apply(spec[start..end].to_vec(), &edits)
        })
}

fn token_soup() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(proptest::sample::select(TOKENS), 0..48)
        .prop_map(|tokens| tokens.concat().into_bytes())
}

/// What must hold for every input: the loader returns, and an error names the file first.
fn check_load(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Err(e) = load(FILE, bytes) {
        prop_assert_eq!(&e.location().file, FILE);
        let message = e.to_string();
        prop_assert!(message.starts_with(FILE), "{}", message);
        if !matches!(e, Error::Yaml { .. }) {
            // Past the YAML syntax, every error is placed on a line.
            prop_assert!(e.location().line_column.is_some(), "{}", message);
        }
    }
    Ok(())
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        // A failure prints its shrunk input; nothing is written into the source tree.
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(6_000))]
    #[test]
    fn mutated_windows_of_the_real_specs_never_panic(bytes in mutated_window()) {
        check_load(&bytes)?;
    }
}

proptest! {
    #![proptest_config(config(3_000))]
    #[test]
    fn yaml_token_soup_never_panics(bytes in token_soup()) {
        check_load(&bytes)?;
    }
}

proptest! {
    #![proptest_config(config(1_500))]
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        check_load(&bytes)?;
    }
}

proptest! {
    // Whole specs cost milliseconds each to load, and much more to generate: few cases.
    #![proptest_config(config(64))]
    #[test]
    fn mutated_whole_specs_never_panic_in_load_or_generate(
        spec in 0..REAL_SPECS.len(),
        edits in proptest::collection::vec(edit(), 1..4),
    ) {
        let bytes = apply(REAL_SPECS[spec].to_vec(), &edits);
        check_load(&bytes)?;
        if let Ok(spec) = load(FILE, &bytes) {
            // Errors are fine (the mutation may break the spec); a panic is not.
            let _ = generate(&spec);
        }
    }
}
