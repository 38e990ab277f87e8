//! The calls and bodies the client tests share: the v3.1 connected-accounts link call most
//! tests make, the documented 201 bodies of the two v3.1 link operations, a link response that
//! names connected account `ca_1`, the connected account the reads, lists and waits answer
//! with, a page of the connected-account list, the next item of a listing, and the error of a
//! call that must fail.

use std::future::poll_fn;
use std::pin::Pin;

use composio_link::ids::AuthConfigId;
use composio_link::pages::{Items, Stream};
use composio_link::{Client, Error, ExecuteExt, ResponseValue, v3_1};
use serde_json::{Value, json};

use crate::documented_example;

/// Calls the v3.1 connected-accounts link operation for auth config `ac_1` and user `user-1`.
///
/// # Errors
///
/// The call's error.
pub async fn link(
    client: &Client,
) -> Result<ResponseValue<v3_1::types::ConnectedAccountLinkResponse>, Error> {
    client
        .v3_1()
        .post_connected_accounts_link()
        .body_map(|b| {
            b.auth_config_id(AuthConfigId::new("ac_1"))
                .user_id("user-1")
        })
        .execute()
        .await
}

/// The documented 201 body of the v3.1 connected-accounts link operation.
pub fn link_201() -> Value {
    documented_example("v3.1", "/api/v3.1/connected_accounts/link", "201")
}

/// The documented 201 body of the v3.1 tool router link operation.
pub fn tool_router_201() -> Value {
    documented_example(
        "v3.1",
        "/api/v3.1/tool_router/session/{session_id}/link",
        "201",
    )
}

/// A connected-accounts link response naming connected account `ca_1`, the account the wait
/// tests poll.
pub fn link_to_ca_1() -> Value {
    serde_json::json!({
        "link_token": "lt_1",
        "redirect_url": "https://app.composio.dev/link/lt_1",
        "expires_at": "2026-11-24T00:00:00Z",
        "connected_account_id": "ca_1"
    })
}

/// A connected account `id` in `status`, as the API sends it with every field the specs
/// require: toolkit `github`, auth config `ac_1`.
pub fn connected_account(id: &str, status: &str, reason: Option<&str>) -> Value {
    json!({
        "id": id,
        "status": status,
        "status_reason": reason,
        "toolkit": {"slug": "github"},
        "auth_config": {"id": "ac_1"},
        "created_at": "2026-01-16T10:00:00.000Z",
        "updated_at": "2026-01-16T10:01:00.000Z",
        "is_disabled": false,
    })
}

/// A page of the connected-account list: an `ACTIVE` [`connected_account`] for each of `ids`,
/// `next` as its cursor (`null` on the last page), on page 1 of `total_pages` listing
/// `total_items` accounts in all.
pub fn account_page(ids: &[&str], next: Option<&str>, total_pages: u32, total_items: u32) -> Value {
    let items: Vec<Value> = ids
        .iter()
        .map(|id| connected_account(id, "ACTIVE", None))
        .collect();
    json!({
        "items": items,
        "next_cursor": next,
        "total_pages": total_pages,
        "current_page": 1,
        "total_items": total_items,
    })
}

/// The next item of `items`, as `StreamExt::next` gives it.
pub async fn next<'a, T: Send + 'a>(items: &mut Items<'a, T>) -> Option<Result<T, Error>> {
    poll_fn(|cx| Pin::new(&mut *items).poll_next(cx)).await
}

/// The error of a call that must fail.
///
/// # Panics
///
/// When the call succeeded.
pub fn failure<T: std::fmt::Debug>(result: Result<T, Error>) -> Error {
    match result {
        Ok(value) => panic!("expected an error, got {value:?}"),
        Err(e) => e,
    }
}
