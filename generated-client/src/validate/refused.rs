//! The field or parameter a refusal names, read from its message.

/// The field or parameter a refusal names: the checks of this module start with it in
/// backticks; progenitor's builders say `... for <name> failed`, `<name> was not initialized`
/// or `no value supplied for <name>`.
pub(crate) fn refused_field(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix('`') {
        return rest.split_once('`').map(|(field, _)| field.to_owned());
    }
    let word = |text: &str| -> Option<String> {
        let name: String = text
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
            .collect();
        (!name.is_empty()).then_some(name)
    };
    // typify's nested builders: `error converting supplied value for experimental: no value
    // supplied for account_type` is `experimental.account_type`.
    const MARKERS: [&str; 2] = [
        "error converting supplied value for ",
        "no value supplied for ",
    ];
    let mut nested = Vec::new();
    let mut rest = message;
    while let Some(after) = MARKERS
        .iter()
        .filter_map(|m| rest.find(m).map(|at| (at, m.len())))
        .min()
        .map(|(at, len)| &rest[at + len..])
    {
        nested.extend(word(after));
        rest = after;
    }
    if !nested.is_empty() {
        return Some(nested.join("."));
    }
    if let Some(name) = message.strip_suffix(" was not initialized") {
        return word(name);
    }
    let (_, rest) = message.rsplit_once(" for ")?;
    word(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_name_their_field() {
        for (message, field) in [
            (
                "`toolkit` has 0 characters; the spec allows at least 1 (not sent)",
                "toolkit",
            ),
            (
                "`session_id` is empty; the spec requires a value (not sent)",
                "session_id",
            ),
            ("session_id was not initialized", "session_id"),
            (
                "conversion to `crate :: ids :: ToolRouterSessionId` for session_id failed",
                "session_id",
            ),
            (
                "conversion to `ToolRouterLinkRequest` for body failed: no value supplied for toolkit",
                "toolkit",
            ),
            (
                "conversion to `X` for body failed: error converting supplied value for \
                 experimental: no value supplied for account_type",
                "experimental.account_type",
            ),
        ] {
            assert_eq!(refused_field(message).as_deref(), Some(field), "{message}");
        }
    }
}
