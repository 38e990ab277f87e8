//! The limits of a property compared: `minLength`, `maxLength`, `minItems` and `maxItems`,
//! each tightened or loosened, by the rule of its direction.

use super::compare::{Direction, with_status};
use super::flatten::Prop;
use crate::drift::rules::{WireRule, code};

/// Changes of `minLength`, `maxLength`, `minItems` and `maxItems`. A missing minimum counts as
/// 0 and a missing maximum as unbounded.
pub(super) fn limit_changes(
    direction: Direction,
    name: &str,
    o: &Prop,
    n: &Prop,
) -> Vec<(WireRule, Vec<String>)> {
    let request = matches!(direction, Direction::Request);
    let bound = |v: Option<usize>| code(v.map_or_else(|| "none".to_owned(), |v| v.to_string()));
    let low = |v: Option<usize>| code(v.unwrap_or(0));
    let name = name.to_owned();
    let mut out = Vec::new();
    // maxLength
    match (o.max_length, n.max_length) {
        (a, b) if a == b => {}
        (None, Some(b)) if request => out.push((
            WireRule::RequestPropertyMaxLengthSet,
            vec![name.clone(), code(b)],
        )),
        (Some(a), Some(b)) if request && b < a => out.push((
            WireRule::RequestPropertyMaxLengthDecreased,
            vec![name.clone(), code(b)],
        )),
        (a, b) if request => out.push((
            WireRule::RequestPropertyMaxLengthIncreased,
            vec![name.clone(), bound(a), bound(b)],
        )),
        (Some(a), None) => out.push((
            WireRule::ResponsePropertyMaxLengthUnset,
            with_status(vec![name.clone(), code(a)]),
        )),
        (Some(a), Some(b)) if b > a => out.push((
            WireRule::ResponsePropertyMaxLengthIncreased,
            with_status(vec![name.clone(), code(a), code(b)]),
        )),
        (a, b) => out.push((
            WireRule::ResponsePropertyMaxLengthDecreased,
            with_status(vec![name.clone(), bound(a), bound(b)]),
        )),
    }
    // minLength
    let (a, b) = (o.min_length.unwrap_or(0), n.min_length.unwrap_or(0));
    if a != b {
        out.push(match (request, b > a) {
            (true, true) => (
                WireRule::RequestPropertyMinLengthIncreased,
                vec![name.clone(), low(o.min_length), low(n.min_length)],
            ),
            (true, false) => (
                WireRule::RequestPropertyMinLengthDecreased,
                vec![name.clone(), low(o.min_length), low(n.min_length)],
            ),
            (false, true) => (
                WireRule::ResponsePropertyMinLengthIncreased,
                with_status(vec![name.clone(), low(o.min_length), low(n.min_length)]),
            ),
            (false, false) => (
                WireRule::ResponsePropertyMinLengthDecreased,
                with_status(vec![name.clone(), low(o.min_length), low(n.min_length)]),
            ),
        });
    }
    // maxItems
    if o.max_items != n.max_items {
        let tighter = match (o.max_items, n.max_items) {
            (None, Some(_)) => true,
            (Some(a), Some(b)) => b < a,
            _ => false,
        };
        out.push(match (request, tighter) {
            (true, true) => (
                WireRule::RequestPropertyMaxItemsDecreased,
                vec![name.clone(), bound(o.max_items), bound(n.max_items)],
            ),
            (true, false) => (
                WireRule::RequestPropertyMaxItemsIncreased,
                vec![name.clone(), bound(o.max_items), bound(n.max_items)],
            ),
            (false, _) => (
                WireRule::ResponsePropertyItemsLimitChanged,
                with_status(vec![
                    name.clone(),
                    code("maxItems"),
                    bound(o.max_items),
                    bound(n.max_items),
                ]),
            ),
        });
    }
    // minItems
    if o.min_items.unwrap_or(0) != n.min_items.unwrap_or(0) {
        let (a, b) = (o.min_items.unwrap_or(0), n.min_items.unwrap_or(0));
        out.push(match (request, o.min_items, b > a) {
            (true, None, _) => (
                WireRule::RequestPropertyMinItemsSet,
                vec![name.clone(), code(b)],
            ),
            (true, Some(_), true) => (
                WireRule::RequestPropertyMinItemsIncreased,
                vec![name.clone(), code(b)],
            ),
            (true, Some(_), false) => (
                WireRule::RequestPropertyMinItemsDecreased,
                vec![name.clone(), code(a), code(b)],
            ),
            (false, _, _) => (
                WireRule::ResponsePropertyItemsLimitChanged,
                with_status(vec![name.clone(), code("minItems"), code(a), code(b)]),
            ),
        });
    }
    out
}
