// A module shaped like the one `cargo xtask regen` writes for spec/v3.1.yaml, cut down to one
// operation and two types: the base that the Rust-source drift cases edit.

#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    use serde::{Deserialize, Serialize};
    ///A connected account.
    #[derive(Clone, Debug, Deserialize, Serialize)]
    pub struct ConnectedAccount {
        pub id: ::std::string::String,
        pub status: ConnectedAccountStatus,
    }
    ///The status of the connection.
    #[derive(Clone, Copy, Debug, Deserialize, Eq, PartialEq, Serialize)]
    pub enum ConnectedAccountStatus {
        #[serde(rename = "INITIALIZING")]
        Initializing,
        #[serde(rename = "ACTIVE")]
        Active,
    }
}
#[derive(Clone, Debug)]
pub struct Client {
    pub(crate) baseurl: String,
    pub(crate) client: reqwest::Client,
    pub(crate) inner: crate::transport::Transport,
}
impl ClientInfo<crate::transport::Transport> for Client {
    fn api_version() -> &'static str {
        "3.1.0"
    }
    fn baseurl(&self) -> &str {
        self.baseurl.as_str()
    }
}
impl Client {
    ///Sends a `GET` request to `/api/v3.1/connected_accounts/{nanoid}`
    pub fn get_connected_accounts_by_nanoid(&self) -> builder::GetConnectedAccountsByNanoid<'_> {
        builder::GetConnectedAccountsByNanoid::new(self)
    }
}
/// Types for composing operation parameters.
#[allow(clippy::all)]
pub mod builder {
    use super::types;
    #[allow(unused_imports)]
    use super::{encode_path, ClientInfo, Error, OperationInfo, ResponseValue};
    #[derive(Debug, Clone)]
    pub struct GetConnectedAccountsByNanoid<'a> {
        client: &'a super::Client,
        nanoid: Result<crate::ids::ConnectedAccountId, String>,
    }
    impl<'a> GetConnectedAccountsByNanoid<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                nanoid: Err("nanoid was not initialized".to_string()),
            }
        }
        pub fn nanoid<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::ids::ConnectedAccountId>,
        {
            self.nanoid = value.try_into().map_err(|_| "conversion failed".to_string());
            self
        }
        pub async fn send(
            self,
        ) -> Result<ResponseValue<types::ConnectedAccount>, Error<types::ErrorEnvelope>> {
            let Self { client, nanoid } = self;
            let nanoid = nanoid.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/api/v3.1/connected_accounts/{}", client.baseurl, encode_path(&nanoid
                .to_string()),
            );
            let mut request = client.client.get(url).build()?;
            let info = OperationInfo {
                operation_id: "get_connected_accounts_by_nanoid",
            };
            let response = client.exec(request, &info).await?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                404u16 => Err(Error::ErrorResponse(ResponseValue::from_response(response).await?)),
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
}
/// The constraints that the spec puts on request bodies, checked by the client before a
/// request is sent. Field paths are dotted; `[]` stands for every item of an array.
pub const REQUEST_CONSTRAINTS: &[crate::validate::Constraint] = &[
    crate::validate::Constraint {
        operation_id: "post_connected_accounts_link",
        field: "alias",
        rule: crate::validate::Rule::MaxLength(64),
    },
];
