//! Pages: every item of a listing across its pages, as one [`Stream`].
//!
//! An operation pages when its spec has a `cursor` query parameter and its success body has
//! an `items` array and a `next_cursor`; the generator then gives its builder `items()` (and
//! its alias `into_stream()`), as aws-sdk-rust's `into_paginator().items()` and octocrab's
//! `into_stream` do:
//!
//! ```no_run
//! use std::future::poll_fn;
//! use std::pin::Pin;
//! use composio_link::prelude::*;
//! use composio_link::pages::Stream;
//!
//! # async fn run() -> Result<(), composio_link::Error> {
//! let client = Client::from_env()?;
//! let mut accounts = client.v3_1().get_connected_accounts()
//!     .user_ids(vec!["user-1".to_owned()])
//!     .limit(50)
//!     .items();
//! while let Some(account) = poll_fn(|cx| Pin::new(&mut accounts).poll_next(cx)).await {
//!     let account = account?;
//!     println!("{} {:?}", account.id, account.status);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! (With `futures::StreamExt`, `accounts.next().await` or `accounts.try_collect().await`.)
//!
//! - Each page is one call of the operation through [`crate::ExecuteExt::execute`], so it has
//!   the client's credentials, hooks, timeout and retries (a 503 is retried like any call).
//!   The builder is cloned for every page with only its `cursor` changed: its filters and its
//!   `limit` (the page size) are sent with every page.
//! - The first page is requested on the first poll, each next one only when the items of the
//!   previous one have all been taken: nothing is fetched ahead, and dropping the stream sends
//!   nothing more (a page in flight is cancelled).
//! - The stream ends after a page whose `next_cursor` is null, absent or empty (an empty page
//!   with a cursor is followed).
//! - A failed page ends the stream with that call's [`Error`]; a `next_cursor` the stream has
//!   already followed ends it, after that page's items, with an
//!   [`ErrorKind::RepeatedCursor`] error instead of requesting the same pages forever.
//! - A cursor set on the builder (`.cursor(..)`) starts the listing at that page; it counts as
//!   followed only once the stream has followed it itself, so a server that hands it back
//!   costs one page more before that error.

use std::collections::HashSet;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

pub use futures_core::Stream;

use crate::error::Operation;
use crate::{Error, ErrorKind};

/// One page of a listing, as the generated glue hands it over: its items and the cursor of the
/// next page.
pub(crate) struct Page<T> {
    items: Vec<T>,
    next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// A page of `items` whose next page is at `next_cursor`.
    pub(crate) fn new(items: Vec<T>, next_cursor: Option<String>) -> Self {
        Self { items, next_cursor }
    }
}

/// The request of one page of a listing: the generator implements it for the builder of every
/// operation that pages.
pub(crate) trait Paged<'a>: Clone + Send + 'a {
    /// An item of the listing, as the version's spec describes it.
    type Item: Send + 'a;

    /// The same request, for the page at `cursor`.
    fn with_cursor(self, cursor: String) -> Self;

    /// Sends the request through the client's hooks and retries.
    fn fetch(self) -> impl Future<Output = Result<Page<Self::Item>, Error>> + Send + 'a;
}

/// A page being fetched.
type PageFuture<'a, T> = Pin<Box<dyn Future<Output = Result<Page<T>, Error>> + Send + 'a>>;

/// What comes after the items in hand.
enum Next {
    /// The first page, not requested yet.
    First,
    /// The page at this cursor (an error, if the stream has followed it before).
    Cursor(String),
    /// Nothing: the stream has ended.
    End,
}

/// Every item of a listing across its pages; see [the module](self). Made by the `items()` of
/// a generated builder whose operation pages.
#[must_use = "a stream sends nothing until it is polled"]
pub struct Items<'a, T> {
    request: Box<dyn Fn(Option<String>) -> PageFuture<'a, T> + Send + 'a>,
    operation: &'static Operation,
    in_flight: Option<PageFuture<'a, T>>,
    items: std::vec::IntoIter<T>,
    next: Next,
    followed: HashSet<String>,
}

// The items are moved out, never pinned.
impl<T> Unpin for Items<'_, T> {}

impl<'a, T: Send + 'a> Items<'a, T> {
    /// The items of `first` and of the pages after it, for `operation`.
    pub(crate) fn new<P: Paged<'a, Item = T>>(first: P, operation: &'static Operation) -> Self {
        let request = move |cursor: Option<String>| -> PageFuture<'a, T> {
            let request = first.clone();
            let request = match cursor {
                Some(cursor) => request.with_cursor(cursor),
                None => request,
            };
            Box::pin(request.fetch())
        };
        Self {
            request: Box::new(request),
            operation,
            in_flight: None,
            items: Vec::new().into_iter(),
            next: Next::First,
            followed: HashSet::new(),
        }
    }

    /// The error that ends a listing whose next cursor was already followed.
    fn repeated(&self, cursor: &str) -> Error {
        Error::about(
            ErrorKind::RepeatedCursor,
            self.operation,
            format!(
                "the next page's cursor `{cursor}` was already followed; the pages would never \
                 end"
            ),
            None,
        )
    }
}

impl<T> fmt::Debug for Items<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("request", &self.operation.request)
            .field("items_in_hand", &self.items.len())
            .field("in_flight", &self.in_flight.is_some())
            .field("pages_followed", &self.followed.len())
            .finish_non_exhaustive()
    }
}

impl<'a, T: Send + 'a> Stream for Items<'a, T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.items.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            if let Some(page) = this.in_flight.as_mut() {
                let Poll::Ready(result) = page.as_mut().poll(cx) else {
                    return Poll::Pending;
                };
                this.in_flight = None;
                match result {
                    Err(error) => {
                        this.next = Next::End;
                        return Poll::Ready(Some(Err(error)));
                    }
                    Ok(page) => {
                        // Only an emptied page's items are replaced: the loop hands out every
                        // item in hand before it polls the next page.
                        this.items = page.items.into_iter();
                        this.next = match page.next_cursor.filter(|c| !c.is_empty()) {
                            None => Next::End,
                            Some(cursor) => Next::Cursor(cursor),
                        };
                    }
                }
                continue;
            }
            match std::mem::replace(&mut this.next, Next::End) {
                Next::End => return Poll::Ready(None),
                Next::First => this.in_flight = Some((this.request)(None)),
                Next::Cursor(cursor) => {
                    if !this.followed.insert(cursor.clone()) {
                        return Poll::Ready(Some(Err(this.repeated(&cursor))));
                    }
                    this.in_flight = Some((this.request)(Some(cursor)));
                }
            }
        }
    }
}
