//! What the setter of an optional field takes: whatever its required counterpart would.
//!
//! The generated type builders' setters of optional fields are bounded by [`IntoOptional`], so
//! `.alias("work")` takes a `&str` as `.toolkit("github")` does, an id takes a `&str`, a nested
//! optional object takes its builder without a `try_into()`, and `Some(x)` or `None` still
//! work:
//!
//! ```
//! use composio_link::v3_1::types::{LinkExperimental, ToolRouterLinkRequest};
//!
//! let request: ToolRouterLinkRequest = ToolRouterLinkRequest::builder()
//!     .toolkit("github")
//!     .alias("work")
//!     .callback_url(None::<String>)
//!     .experimental(LinkExperimental::builder().account_type("SHARED"))
//!     .try_into()
//!     .unwrap();
//! assert_eq!(request.alias.as_deref(), Some("work"));
//! assert!(request.experimental.is_some());
//! ```

use std::convert::Infallible;
use std::fmt;

/// A value an optional field of type `T` can be set from.
///
/// Implemented for `T` itself, `Option<T>`, `&str` and `&String` for a `String` field, `&str`
/// for every id and every type made from a string (enums, constrained strings), and each
/// generated type's builder for that type.
pub trait IntoOptional<T> {
    /// Why the value could not become a `T` (a constraint it breaks).
    type Error: fmt::Display;

    /// The field's new value.
    ///
    /// # Errors
    ///
    /// When the value breaks a constraint of `T`.
    fn into_optional(self) -> Result<Option<T>, Self::Error>;
}

impl<T> IntoOptional<T> for T {
    type Error = Infallible;

    fn into_optional(self) -> Result<Option<T>, Infallible> {
        Ok(Some(self))
    }
}

impl<T> IntoOptional<T> for Option<T> {
    type Error = Infallible;

    fn into_optional(self) -> Result<Option<T>, Infallible> {
        Ok(self)
    }
}

impl IntoOptional<String> for &str {
    type Error = Infallible;

    fn into_optional(self) -> Result<Option<String>, Infallible> {
        Ok(Some(self.to_owned()))
    }
}

impl IntoOptional<String> for &String {
    type Error = Infallible;

    fn into_optional(self) -> Result<Option<String>, Infallible> {
        Ok(Some(self.clone()))
    }
}

impl IntoOptional<String> for Option<&str> {
    type Error = Infallible;

    fn into_optional(self) -> Result<Option<String>, Infallible> {
        Ok(self.map(str::to_owned))
    }
}
