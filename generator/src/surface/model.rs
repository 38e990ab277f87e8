//! The model of a listing: what one line describes ([`Kind`]), one line with the lines nested
//! under it ([`Entry`]), and the listing of a module ([`Surface`]), with the text each shows
//! (one item per line, indented by nesting, siblings sorted).

use std::fmt;

/// What one line of a listing describes.
///
/// The order of the variants is the order of lines under one parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The value of the `api-version` header the client sends (the spec's `info.version`).
    ApiVersion,
    /// An operation: a method of `Client` that returns the operation's builder.
    Operation,
    /// The HTTP method and path an operation sends to.
    Http,
    /// A parameter setter of an operation's builder (path, query or header parameter).
    Param,
    /// The body setters (`body`, `body_map`) of an operation's builder and the body type.
    Body,
    /// The type `send()` returns on success (inside `ResponseValue`).
    Success,
    /// The type `send()` returns for a documented error response (inside `Error`).
    Error,
    /// The response statuses `send()` decodes, and as what.
    Status,
    /// A struct of the `types` module with named fields.
    Struct,
    /// An enum of the `types` module.
    Enum,
    /// A tuple struct of the `types` module wrapping one value (typify's constrained strings).
    Newtype,
    /// A type alias of the `types` module.
    Alias,
    /// The traits a type derives.
    Derive,
    /// A public field of a struct.
    Field,
    /// A variant of an enum.
    Variant,
    /// A check that a newtype's `FromStr` (and so its `Deserialize`) enforces.
    Check,
    /// The `REQUEST_CONSTRAINTS` table.
    Constraints,
    /// One row of the `REQUEST_CONSTRAINTS` table.
    Constraint,
}

impl Kind {
    /// The word that starts a line of this kind, if the line starts with one.
    fn word(self) -> &'static str {
        match self {
            Kind::ApiVersion => "api-version",
            Kind::Operation => "fn",
            Kind::Http => "http",
            Kind::Param => "param",
            Kind::Body => "body",
            Kind::Success => "success",
            Kind::Error => "error",
            Kind::Status => "status",
            Kind::Struct => "struct",
            Kind::Enum => "enum",
            Kind::Newtype => "newtype",
            Kind::Alias => "type",
            Kind::Derive => "derive",
            Kind::Field => "field",
            Kind::Variant => "variant",
            Kind::Check => "check",
            Kind::Constraints => "const",
            Kind::Constraint => "constraint",
        }
    }

    /// True for the kinds that are types of the `types` module.
    pub fn is_type(self) -> bool {
        matches!(
            self,
            Kind::Struct | Kind::Enum | Kind::Newtype | Kind::Alias
        )
    }

    /// Where lines of this kind go among the top-level lines: the api version, then the
    /// operations, then the types (in name order, whatever their kind), then the constraints.
    fn section(self) -> u8 {
        match self {
            Kind::ApiVersion => 0,
            Kind::Operation => 1,
            Kind::Constraints => 3,
            _ => 2,
        }
    }
}

/// One line of a listing, with the lines nested under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What the line describes.
    pub kind: Kind,
    /// The item's name; with `kind`, what identifies it among its siblings.
    pub name: String,
    /// The Rust type of the item, where it has one (fields, parameters, bodies, newtypes).
    pub rust_type: Option<String>,
    /// Everything else the line says about the item (JSON name, required-ness, values).
    pub detail: String,
    /// The lines nested under this one, sorted.
    pub children: Vec<Entry>,
}

impl Entry {
    /// A line without a type or children.
    pub(crate) fn new(kind: Kind, name: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            kind,
            name: name.into(),
            rust_type: None,
            detail: detail.into(),
            children: Vec::new(),
        }
    }

    /// The same line with a Rust type.
    pub(crate) fn typed(mut self, rust_type: impl Into<String>) -> Self {
        self.rust_type = Some(rust_type.into());
        self
    }

    /// The same line with children (sorted here).
    pub(crate) fn with_children(mut self, mut children: Vec<Entry>) -> Self {
        children.sort_by(|a, b| a.order(false).cmp(&b.order(false)));
        self.children = children;
        self
    }

    /// Where the line stands among its siblings: a top-level line by its section, name and
    /// kind (so the types of all kinds are in one name order), a nested one by its kind and
    /// name. The kind and name last identify it.
    pub(super) fn order(&self, top: bool) -> (u8, &str, Kind, &str) {
        if top {
            (self.kind.section(), &self.name, self.kind, &self.name)
        } else {
            (0, "", self.kind, &self.name)
        }
    }

    /// What identifies the line among its siblings: its kind word and name
    /// (`field alias`, `fn Client::post_connected_accounts_link`, `derive`).
    pub fn head(&self) -> String {
        match self.kind {
            Kind::Operation => format!("fn Client::{}", self.name),
            Kind::Constraints => format!("const {}", self.name),
            _ if self.name.is_empty() => self.kind.word().to_owned(),
            _ => format!("{} {}", self.kind.word(), self.name),
        }
    }

    /// What the line says about the item after its head; a change of this is a `~` line.
    pub fn value(&self) -> String {
        let ty = self.rust_type.as_deref().unwrap_or_default();
        match self.kind {
            Kind::Operation => format!("() -> {ty}"),
            Kind::Newtype => format!("({ty})"),
            _ => match (ty.is_empty(), self.detail.is_empty()) {
                (true, _) => self.detail.clone(),
                (false, true) => ty.to_owned(),
                (false, false) => format!("{ty}, {}", self.detail),
            },
        }
    }

    /// What separates the head from the value on the line.
    fn separator(&self) -> &'static str {
        match self.kind {
            Kind::Operation | Kind::Newtype => "",
            Kind::Alias => " = ",
            _ => ": ",
        }
    }

    /// The line as the listing shows it, without indentation.
    pub fn line(&self) -> String {
        let value = self.value();
        if value.is_empty() {
            self.head()
        } else {
            format!("{}{}{value}", self.head(), self.separator())
        }
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, depth: usize) -> fmt::Result {
        writeln!(f, "{:indent$}{}", "", self.line(), indent = depth * 2)?;
        self.children
            .iter()
            .try_for_each(|child| child.write(f, depth + 1))
    }
}

/// The listing of one generated module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Surface {
    entries: Vec<Entry>,
}

impl Surface {
    /// Builds a listing from its top-level entries, sorting them.
    pub(crate) fn from_entries(mut entries: Vec<Entry>) -> Self {
        entries.sort_by(|a, b| a.order(true).cmp(&b.order(true)));
        Self { entries }
    }

    /// The top-level entries: the api version, the operations, the types, the constraints.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry of the type named `name`, if the module has one.
    pub fn find_type(&self, name: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.kind.is_type() && e.name == name)
    }
}

impl fmt::Display for Surface {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.entries.iter().try_for_each(|e| e.write(f, 0))
    }
}
