//! The changelog's entries, kinds, bumps and release on small texts.

use super::*;

fn entry(kind: Kind, text: &str) -> Entry {
    Entry {
        kind,
        text: text.to_owned(),
    }
}

#[test]
fn entries_go_under_their_kind_once_in_version_order() {
    let first = [
        entry(
            Kind::Added,
            "v3.1: `types::A` added the pub field `a` (minor)",
        ),
        entry(
            Kind::Fixed,
            "v3: the module changed only in its documentation (patch)",
        ),
    ];
    let (text, added) = with_entries(None, &first).unwrap_or_default();
    assert_eq!(added, 2);
    assert!(text.starts_with(PREAMBLE), "{text}");
    assert!(
        text.ends_with(
            "## [Unreleased]\n\n### Added\n\n- v3.1: `types::A` added the pub field `a` \
             (minor)\n\n### Fixed\n\n- v3: the module changed only in its documentation \
             (patch)\n"
        ),
        "{text}"
    );
    assert_eq!(with_entries(Some(&text), &first), None, "added twice");
    let more = [entry(
        Kind::Added,
        "v3: `Client` added the method `x` (minor)",
    )];
    let (text, added) = with_entries(Some(&text), &more).unwrap_or_default();
    assert_eq!(added, 1);
    assert!(
        text.contains("### Added\n\n- v3: `Client` added the method `x` (minor)\n- v3.1: "),
        "{text}"
    );
    let bumps: Vec<Bump> = unreleased(&text).into_iter().map(|(_, b)| b).collect();
    assert_eq!(bumps, [Bump::Minor, Bump::Minor, Bump::Patch]);
}

#[test]
fn release_moves_the_entries_under_the_version() {
    let text = format!(
        "{PREAMBLE}\n{UNRELEASED}\n\nSome prose.\n\n### Removed\n\n- by hand\n  more\n\n\
         ## [0.1.0] - 2026-01-01\n\n### Added\n\n- first\n"
    );
    assert_eq!(
        unreleased(&text),
        [("- by hand\n  more".to_owned(), Bump::Patch)]
    );
    let released = released(&text, "0.1.1", "2026-12-06");
    assert!(
        released.ends_with(
            "## [Unreleased]\n\n## [0.1.1] - 2026-12-06\n\nSome prose.\n\n### Removed\n\n\
             - by hand\n  more\n\n## [0.1.0] - 2026-01-01\n\n### Added\n\n- first\n"
        ),
        "{released}"
    );
    assert!(unreleased(&released).is_empty());
}

#[test]
fn a_changelog_without_unreleased_gets_one_before_its_versions() {
    let text = "# Changelog\n\n## [0.1.0] - 2026-01-01\n\n- first\n";
    let added = with_entries(Some(text), &[entry(Kind::Changed, "v3: x (major)")]);
    assert_eq!(
        added.map(|(text, _)| text).as_deref(),
        Some(
            "# Changelog\n\n## [Unreleased]\n\n### Changed\n\n- v3: x (major)\n\n\
             ## [0.1.0] - 2026-01-01\n\n- first\n"
        )
    );
}

#[test]
fn kinds_follow_the_rule_and_the_bump() {
    assert_eq!(Kind::of("inherent_method_added", Bump::Minor), Kind::Added);
    assert_eq!(
        Kind::of("constructible_struct_adds_field", Bump::Major),
        Kind::Added
    );
    assert_eq!(Kind::of("struct_missing", Bump::Major), Kind::Removed);
    assert_eq!(
        Kind::of("request_constraint_changed", Bump::Patch),
        Kind::Fixed
    );
    assert_eq!(Kind::of("type_kind_changed", Bump::Major), Kind::Changed);
    assert_eq!(bump_of("- v3: x (major) "), Bump::Major);
    assert_eq!(bump_of("- by hand"), Bump::Patch);
}

#[test]
fn a_bullet_without_a_kind_is_an_entry_too() {
    let text = format!("{PREAMBLE}\n{UNRELEASED}\n\n- by hand, no kind (major)\n");
    assert_eq!(
        unreleased(&text),
        [("- by hand, no kind (major)".to_owned(), Bump::Major)]
    );
    let released = released(&text, "0.2.0", "2026-12-06");
    assert!(
        released.ends_with("## [0.2.0] - 2026-12-06\n\n- by hand, no kind (major)\n"),
        "{released}"
    );
    assert!(unreleased(&released).is_empty());
}
