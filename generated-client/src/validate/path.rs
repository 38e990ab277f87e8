//! The path parameters of a request checked against its operation's template in a generated
//! `REQUEST_PATHS` table.

use super::table::PathTemplate;

/// Checks the path parameters of a request to `path` against the template of `operation_id`:
/// an empty value would send the request to another route (`/session//link`), and a value
/// that breaks the spec's length limits is refused, naming the parameter.
pub(crate) fn check_path(
    operation_id: &str,
    templates: &[PathTemplate],
    path: &str,
) -> Result<(), String> {
    let Some(template) = templates.iter().find(|t| t.operation_id == operation_id) else {
        return Ok(());
    };
    // The request path ends with the template; what comes before is the base URL's own path.
    let template_segments: Vec<&str> = template
        .template
        .trim_start_matches('/')
        .split('/')
        .collect();
    let path_segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    // A value of `.` or `..` is removed or climbs a level when the URL is normalized, so the
    // request would go to another route: the path no longer has the template's shape.
    let moved = || {
        format!(
            "a path parameter moved the request off `{}` (`.` and `..` are not values); not sent",
            template.template
        )
    };
    let Some(offset) = path_segments.len().checked_sub(template_segments.len()) else {
        return Err(moved());
    };
    let mut parameters = template.parameters.iter();
    for (pattern, value) in template_segments.iter().zip(&path_segments[offset..]) {
        if !(pattern.starts_with('{') && pattern.ends_with('}')) {
            if pattern != value {
                return Err(moved());
            }
            continue;
        }
        let Some(parameter) = parameters.next() else {
            break;
        };
        let decoded = percent_decoded_len(value);
        let name = parameter.name;
        if decoded < parameter.min_length {
            return Err(if decoded == 0 {
                format!("`{name}` is empty; the spec requires a value (not sent)")
            } else {
                format!(
                    "`{name}` has {decoded} characters; the spec allows at least {} (not sent)",
                    parameter.min_length
                )
            });
        }
        if let Some(max) = parameter.max_length.filter(|max| decoded > *max) {
            return Err(format!(
                "`{name}` has {decoded} characters; the spec allows at most {max} (not sent)"
            ));
        }
    }
    Ok(())
}

/// The number of characters of a percent-encoded path segment once decoded (each `%XY` is one
/// byte; multi-byte characters count once).
fn percent_decoded_len(segment: &str) -> usize {
    let bytes = segment.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            decoded.push((h * 16 + l) as u8);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&decoded).chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::table::PathParameter;

    const PATHS: &[PathTemplate] = &[PathTemplate {
        operation_id: "op",
        template: "/api/v9/session/{session_id}/link",
        parameters: &[PathParameter {
            name: "session_id",
            min_length: 1,
            max_length: Some(4),
        }],
    }];

    #[test]
    fn path_parameters_are_checked() {
        assert_eq!(check_path("op", PATHS, "/api/v9/session/abc/link"), Ok(()));
        assert_eq!(
            check_path("op", PATHS, "/stem/api/v9/session/a%20b/link"),
            Ok(())
        );
        assert_eq!(
            check_path("op", PATHS, "/api/v9/session//link"),
            Err("`session_id` is empty; the spec requires a value (not sent)".to_owned())
        );
        assert_eq!(
            check_path("op", PATHS, "/api/v9/session/abcde/link"),
            Err("`session_id` has 5 characters; the spec allows at most 4 (not sent)".to_owned())
        );
        assert_eq!(check_path("other", PATHS, "/api/v9/session//link"), Ok(()));
    }

    #[test]
    fn a_value_that_moves_the_route_is_refused() {
        for path in ["/api/v9/link", "/api/v9/session/link", "/api/v9/x/abc/link"] {
            let refused = check_path("op", PATHS, path);
            assert!(
                refused
                    .as_ref()
                    .is_err_and(|e| e.contains("moved the request off")),
                "{path}: {refused:?}"
            );
        }
    }
}
