//! What a wire-level change is about, named the way a reviewer names it and stable across line
//! moves: the property, parameter, security scheme, response status or enum value, never a
//! value that changed nor a line. With the rule, the operation and the API version it is what
//! tells one difference from another (a reviewed baseline of accepted differences matches on
//! it).

use super::change::STATUS;
use super::rules::WireRule;

/// What a change of `rule` with `args` (the message's arguments, code in backticks) is about:
/// `connection_data/region`, `status: REVOKED`, `query parameter limit`, `CookieAuth`,
/// `response property toolkit`, `request body`, `operation`, or a status such as `429`
/// (`status` is the response status the change is about).
pub(crate) fn subject(rule: WireRule, args: &[String], status: Option<&str>) -> String {
    use WireRule as R;
    let arg = |index: usize| plain(args.get(index).map_or("", String::as_str));
    match rule {
        R::EndpointAdded | R::ApiRemoved => "operation".to_owned(),
        R::RequestBodyBecameRequired
        | R::RequestBodyBecameOptional
        | R::RequestBodyRemoved
        | R::RequestBodyAddedRequired
        | R::RequestBodyAddedOptional => "request body".to_owned(),
        R::ResponseSuccessStatusAdded
        | R::ResponseSuccessStatusRemoved
        | R::ResponseNonSuccessStatusAdded
        | R::ResponseNonSuccessStatusRemoved => status.unwrap_or_default().to_owned(),
        R::NewRequestPathParameter => format!("path parameter {}", arg(0)),
        R::NewRequiredRequestParameter
        | R::NewOptionalRequestParameter
        | R::RequestParameterRemoved
        | R::RequestParameterBecameRequired
        | R::RequestParameterBecameOptional => format!("{} parameter {}", arg(0), arg(1)),
        R::RequestParameterTypeChanged => {
            format!("{} parameter {} {}", arg(0), arg(1), arg(2))
        }
        R::RequestPropertyTypeChanged
        | R::ResponsePropertyTypeChanged
        | R::ResponsePropertyItemsLimitChanged => format!("{} {}", arg(0), arg(1)),
        R::RequestPropertyEnumValueAdded
        | R::RequestPropertyEnumValueRemoved
        | R::ResponsePropertyEnumValueAdded
        | R::ResponsePropertyEnumValueRemoved => format!("{}: {}", arg(1), arg(0)),
        R::DescriptionChanged => {
            let what = arg(0);
            let what = what
                .replace(&format!(" for the status {STATUS}"), "")
                .replace(&format!(" with the status {STATUS}"), "");
            what.strip_prefix("the ").unwrap_or(&what).to_owned()
        }
        // Every other rule names its property or security scheme first.
        _ => arg(0),
    }
}

/// `text` without the backticks that mark code in a message.
fn plain(text: &str) -> String {
    text.replace('`', "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drift::rules::code;

    #[test]
    fn a_subject_names_the_node_not_the_values() {
        let subject_of = |rule, args: &[&str]| {
            let args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
            subject(rule, &args, Some("201"))
        };
        assert_eq!(
            subject_of(
                WireRule::RequestPropertyMinLengthIncreased,
                &[&code("user_id"), &code(0), &code(1)]
            ),
            "user_id"
        );
        assert_eq!(
            subject_of(
                WireRule::ResponsePropertyEnumValueAdded,
                &[&code("REVOKED"), &code("status"), STATUS]
            ),
            "status: REVOKED"
        );
        assert_eq!(
            subject_of(
                WireRule::DescriptionChanged,
                &[&format!(
                    "the response property `toolkit` for the status {STATUS}"
                )]
            ),
            "response property toolkit"
        );
        assert_eq!(
            subject_of(WireRule::ResponseNonSuccessStatusAdded, &[STATUS]),
            "201"
        );
        assert_eq!(
            subject_of(
                WireRule::RequestParameterTypeChanged,
                &[
                    &code("path"),
                    &code("nanoid"),
                    "format",
                    &code("none"),
                    &code("x")
                ]
            ),
            "path parameter nanoid format"
        );
        assert_eq!(subject_of(WireRule::ApiRemoved, &[]), "operation");
    }
}
