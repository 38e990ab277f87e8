//! The whole life of a connection: creates a tool-router session for a user, links a toolkit
//! through it, waits until the user has connected, lists the user's accounts of that toolkit,
//! then disables the account and deletes it.
//!
//! ```sh
//! export COMPOSIO_API_KEY=...                      # your project key
//! cargo run --example lifecycle -- USER_ID TOOLKIT
//! ```
//!
//! `COMPOSIO_BASE_URL` overrides the API's base URL. On failure it prints one line saying which
//! operation failed and why, and exits with status 1.

use std::future::poll_fn;
use std::pin::Pin;

use composio_link::pages::Stream;
use composio_link::prelude::*;
use composio_link::v3_1::types;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("lifecycle: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(args: &[String]) -> Result<(), String> {
    let [user, toolkit] = args else {
        return Err("usage: lifecycle USER_ID TOOLKIT".to_owned());
    };
    let client = Client::from_env().map_err(|e| e.to_string())?;
    let api = client.v3_1();

    // 1. A session for the user, with the toolkit enabled; connections are this program's.
    let session = api
        .post_tool_router_session()
        .body_map(|body| {
            body.user_id(user.as_str())
                .toolkits(types::ToolRouterSessionToolkits::builder().enable(vec![toolkit.clone()]))
                .manage_connections(
                    types::ToolRouterSessionManageConnections::builder().enable(false),
                )
        })
        .execute()
        .await
        .map_err(|e| e.to_string())?;
    println!("session_id: {}", session.session_id);

    // 2. A link through the session: where to send the user.
    let link = api
        .post_tool_router_session_by_session_id_link()
        .session_id(session.session_id.clone())
        .body_map(|body| body.toolkit(toolkit.as_str()))
        .execute()
        .await
        .map_err(|e| e.to_string())?
        .into_inner();
    println!("redirect_url: {}", link.redirect_url);

    // 3. Wait until the user has connected (polls once a second for up to 60 s).
    let account = api
        .wait_for_connection(&link.connected_account_id)
        .await
        .map_err(|e| e.to_string())?;
    println!("status: {}", account.status);

    // 4. The user's accounts of the toolkit, across every page.
    let mut accounts = api
        .get_connected_accounts()
        .user_ids(vec![user.clone()])
        .toolkit_slugs(vec![toolkit.clone()])
        .items();
    while let Some(found) = poll_fn(|cx| Pin::new(&mut accounts).poll_next(cx)).await {
        let found = found.map_err(|e| e.to_string())?;
        println!("listed: {} {}", found.id, found.status);
    }

    // 5. Disable the account, then delete it.
    api.patch_connected_accounts_by_nano_id_status()
        .nano_id(account.id.clone())
        .body_map(|body| body.enabled(false))
        .execute()
        .await
        .map_err(|e| e.to_string())?;
    println!("disabled: {}", account.id);
    api.delete_connected_accounts_by_nanoid()
        .nanoid(account.id.clone())
        .execute()
        .await
        .map_err(|e| e.to_string())?;
    println!("deleted: {}", account.id);
    Ok(())
}
