//! Creates a Composio auth link and prints where to send the user; with `--wait`, then waits
//! until the user has completed it.
//!
//! ```sh
//! export COMPOSIO_API_KEY=...                      # your project key
//! cargo run --example create_link -- AUTH_CONFIG_ID USER_ID
//! cargo run --example create_link -- --session SESSION_ID TOOLKIT
//! cargo run --example create_link -- --wait AUTH_CONFIG_ID USER_ID
//! ```
//!
//! `COMPOSIO_BASE_URL` overrides the API's base URL. On failure it prints one line saying which
//! operation failed and why, and exits with status 1.

use composio_link::prelude::*;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("create_link: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(args: &[String]) -> Result<(), String> {
    let (wait, args) = match args {
        [flag, rest @ ..] if flag == "--wait" => (true, rest),
        _ => (false, args),
    };
    let client = Client::from_env().map_err(|e| e.to_string())?;
    let connected_account_id = match args {
        [flag, session, toolkit] if flag == "--session" => {
            let link = client
                .v3_1()
                .post_tool_router_session_by_session_id_link()
                .session_id(ToolRouterSessionId::new(session.as_str()))
                .body_map(|body| body.toolkit(toolkit.as_str()))
                .execute()
                .await
                .map_err(|e| e.to_string())?;
            println!("redirect_url: {}", link.redirect_url);
            println!("connected_account_id: {}", link.connected_account_id);
            link.into_inner().connected_account_id
        }
        [auth_config, user] => {
            let link = client
                .v3_1()
                .post_connected_accounts_link()
                .body_map(|body| {
                    body.auth_config_id(AuthConfigId::new(auth_config.as_str()))
                        .user_id(user.as_str())
                })
                .execute()
                .await
                .map_err(|e| e.to_string())?;
            println!("redirect_url: {}", link.redirect_url);
            println!("expires_at: {}", link.expires_at);
            link.into_inner().connected_account_id
        }
        _ => {
            return Err(
                "usage: create_link [--wait] AUTH_CONFIG_ID USER_ID | create_link \
                        [--wait] --session SESSION_ID TOOLKIT"
                    .to_owned(),
            );
        }
    };
    if wait {
        // Polls once a second for up to 60 s; FAILED, EXPIRED and INACTIVE end it at once.
        let account = client
            .v3_1()
            .wait_for_connection(&connected_account_id)
            .await
            .map_err(|e| e.to_string())?;
        println!("status: {}", account.status);
        println!("toolkit: {}", account.toolkit.slug);
    }
    Ok(())
}
