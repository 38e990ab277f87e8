//! Every rule a drift report applies, in two tables a reader can scan: one line per rule with
//! its ID, its level, who defined it, and its message (each `{}` is an argument).
//!
//! Wire-level rules use oasdiff's rule IDs, levels and messages (`error` breaks clients,
//! `warning` may break them, `info` does not); Rust-level rules use cargo-semver-checks' lint
//! names and the semver bump each requires. Where neither tool has a rule for a difference the
//! report must still show, a project rule of the same form fills the gap; its origin says so.

use std::fmt;

use serde::Serialize;

/// How much a change matters: oasdiff's levels for the wire, the semver bump for Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Wire: breaks existing clients.
    Error,
    /// Wire: may break existing clients.
    Warning,
    /// Wire: does not break clients.
    Info,
    /// Rust: needs a major version.
    Major,
    /// Rust: needs a minor version.
    Minor,
    /// Rust: needs a patch version.
    Patch,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
            Level::Major => "major",
            Level::Minor => "minor",
            Level::Patch => "patch",
        })
    }
}

/// Who defined a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// oasdiff's rule of the same ID (`oasdiff/oasdiff`, `checker/rules.go`).
    Oasdiff,
    /// cargo-semver-checks' lint of the same name (`src/lints/<name>.ron`).
    CargoSemverChecks,
    /// This project: neither tool has a rule for the difference.
    Project,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Origin::Oasdiff => "oasdiff",
            Origin::CargoSemverChecks => "cargo-semver-checks",
            Origin::Project => "project",
        })
    }
}

/// Defines a rule enum from its table: one variant per line, each with its ID, level, origin
/// and message, and the accessors that read them.
macro_rules! rule_table {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($variant:ident = ($id:literal, $level:ident, $origin:ident, $text:literal),)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $(
                #[doc = concat!("`", $id, "` (", stringify!($level), ", ", stringify!($origin), "): `` ", $text, " ``")]
                $variant,
            )*
        }

        impl $name {
            /// Every rule of the table, in table order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The rule's ID (oasdiff's rule ID or cargo-semver-checks' lint name).
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id,)* }
            }

            /// How much a change under this rule matters.
            pub fn level(self) -> Level {
                match self { $($name::$variant => Level::$level,)* }
            }

            /// Who defined the rule.
            pub fn origin(self) -> Origin {
                match self { $($name::$variant => Origin::$origin,)* }
            }

            /// The message, with `{}` for each argument.
            pub fn template(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }
        }
    };
}

rule_table! {
    /// The wire-level rules: differences between two OpenAPI documents.
    pub enum WireRule {
        // variant                               id                                              level    origin   message
        EndpointAdded                          = ("endpoint-added",                                Info,    Oasdiff, "endpoint added"),
        ApiRemoved                             = ("api-removed-without-deprecation",               Error,   Oasdiff, "api removed without deprecation"),
        NewRequiredRequestParameter            = ("new-required-request-parameter",                Error,   Oasdiff, "added the new required {} request parameter {}"),
        NewOptionalRequestParameter            = ("new-optional-request-parameter",                Info,    Oasdiff, "added the new optional {} request parameter {}"),
        NewRequestPathParameter                = ("new-request-path-parameter",                    Error,   Oasdiff, "added the new path request parameter {}"),
        RequestParameterRemoved                = ("request-parameter-removed",                     Warning, Oasdiff, "deleted the {} request parameter {}"),
        RequestParameterBecameRequired         = ("request-parameter-became-required",             Error,   Oasdiff, "the {} request parameter {} became required"),
        RequestParameterBecameOptional         = ("request-parameter-became-optional",             Info,    Oasdiff, "the {} request parameter {} became optional"),
        RequestParameterTypeChanged            = ("request-parameter-type-changed",                Error,   Oasdiff, "for the {} request parameter {}, the {} was changed from {} to {}"),
        RequestBodyBecameRequired              = ("request-body-became-required",                  Error,   Oasdiff, "request body became required"),
        RequestBodyBecameOptional              = ("request-body-became-optional",                  Info,    Oasdiff, "request body became optional"),
        RequestBodyRemoved                     = ("request-body-removed",                          Error,   Oasdiff, "removed the request body"),
        RequestBodyAddedRequired               = ("request-body-added-required",                   Error,   Oasdiff, "added required request body"),
        RequestBodyAddedOptional               = ("request-body-added-optional",                   Info,    Oasdiff, "added optional request body"),
        NewRequiredRequestProperty             = ("new-required-request-property",                 Error,   Oasdiff, "added the new required request property {}"),
        NewOptionalRequestProperty             = ("new-optional-request-property",                 Info,    Oasdiff, "added the new optional request property {}"),
        RequestPropertyRemoved                 = ("request-property-removed",                      Warning, Oasdiff, "removed the request property {}"),
        RequestPropertyBecameRequired          = ("request-property-became-required",              Error,   Oasdiff, "the request property {} became required"),
        RequestPropertyBecameOptional          = ("request-property-became-optional",              Info,    Oasdiff, "the request property {} became optional"),
        RequestPropertyTypeChanged             = ("request-property-type-changed",                 Error,   Oasdiff, "the {} request property {} changed from {} to {}"),
        RequestPropertyEnumValueAdded          = ("request-property-enum-value-added",             Info,    Oasdiff, "added the new {} enum value to the request property {}"),
        RequestPropertyEnumValueRemoved        = ("request-property-enum-value-removed",           Error,   Oasdiff, "removed the enum value {} of the request property {}"),
        RequestPropertyBecameEnum              = ("request-property-became-enum",                  Error,   Oasdiff, "request property {} was restricted to a list of enum values"),
        RequestPropertyEnumRestrictionRemoved  = ("request-property-enum-restriction-removed",     Info,    Project, "request property {} is no longer restricted to a list of enum values"),
        RequestPropertyMaxLengthSet            = ("request-property-max-length-set",               Warning, Oasdiff, "the {} request property's maxLength was set to {}"),
        RequestPropertyMaxLengthDecreased      = ("request-property-max-length-decreased",         Error,   Oasdiff, "the {} request property's maxLength was decreased to {}"),
        RequestPropertyMaxLengthIncreased      = ("request-property-max-length-increased",         Info,    Oasdiff, "the {} request property's maxLength was increased from {} to {}"),
        RequestPropertyMinLengthIncreased      = ("request-property-min-length-increased",         Error,   Oasdiff, "the {} request property's minLength was increased from {} to {}"),
        RequestPropertyMinLengthDecreased      = ("request-property-min-length-decreased",         Info,    Oasdiff, "the {} request property's minLength was decreased from {} to {}"),
        RequestPropertyMaxItemsDecreased       = ("request-property-max-items-decreased",          Error,   Project, "the {} request property's maxItems was decreased from {} to {}"),
        RequestPropertyMaxItemsIncreased       = ("request-property-max-items-increased",          Info,    Project, "the {} request property's maxItems was increased from {} to {}"),
        RequestPropertyMinItemsSet             = ("request-property-min-items-set",                Warning, Oasdiff, "the {} request property's minItems was set to {}"),
        RequestPropertyMinItemsIncreased       = ("request-property-min-items-increased",          Error,   Oasdiff, "the {} request property's minItems was increased to {}"),
        RequestPropertyMinItemsDecreased       = ("request-property-min-items-decreased",          Info,    Project, "the {} request property's minItems was decreased from {} to {}"),
        RequestPropertyDefaultValueAdded       = ("request-property-default-value-added",          Info,    Oasdiff, "the {} request property default value {} was added"),
        RequestPropertyDefaultValueRemoved     = ("request-property-default-value-removed",        Info,    Oasdiff, "the {} request property default value {} was removed"),
        RequestPropertyDefaultValueChanged     = ("request-property-default-value-changed",        Info,    Oasdiff, "the {} request property default value changed from {} to {}"),
        ResponseOptionalPropertyAdded          = ("response-optional-property-added",              Info,    Oasdiff, "added the optional property {} to the response with the {} status"),
        ResponseRequiredPropertyAdded          = ("response-required-property-added",              Info,    Oasdiff, "added the required property {} to the response with the {} status"),
        ResponseOptionalPropertyRemoved        = ("response-optional-property-removed",            Warning, Oasdiff, "removed the optional property {} from the response with the {} status"),
        ResponseRequiredPropertyRemoved        = ("response-required-property-removed",            Error,   Oasdiff, "removed the required property {} from the response with the {} status"),
        ResponsePropertyBecameOptional         = ("response-property-became-optional",             Error,   Oasdiff, "the response property {} became optional for the status {}"),
        ResponsePropertyBecameRequired         = ("response-property-became-required",             Info,    Oasdiff, "the response property {} became required for the status {}"),
        ResponsePropertyTypeChanged            = ("response-property-type-changed",                Error,   Oasdiff, "the {} response's property {} changed from {} to {} for status {}"),
        ResponsePropertyEnumValueAdded         = ("response-property-enum-value-added",            Warning, Oasdiff, "added the new {} enum value to the {} response property for the response status {}"),
        ResponsePropertyEnumValueRemoved       = ("response-property-enum-value-removed",          Info,    Oasdiff, "removed the {} enum value from the {} response property for the response status {}"),
        ResponsePropertyBecameEnum             = ("response-property-became-enum",                 Info,    Project, "the {} response property was restricted to a list of enum values for the response status {}"),
        ResponsePropertyEnumRestrictionRemoved = ("response-property-enum-restriction-removed",    Warning, Project, "the {} response property is no longer restricted to a list of enum values for the response status {}"),
        ResponsePropertyMaxLengthIncreased     = ("response-property-max-length-increased",        Error,   Oasdiff, "the {} response property's maxLength was increased from {} to {} for the response status {}"),
        ResponsePropertyMaxLengthUnset         = ("response-property-max-length-unset",            Error,   Oasdiff, "the {} response property's maxLength was unset from {} for the response status {}"),
        ResponsePropertyMaxLengthDecreased     = ("response-property-max-length-decreased",        Info,    Project, "the {} response property's maxLength was decreased from {} to {} for the response status {}"),
        ResponsePropertyMinLengthDecreased     = ("response-property-min-length-decreased",        Error,   Oasdiff, "the {} response property's minLength was decreased from {} to {} for the response status {}"),
        ResponsePropertyMinLengthIncreased     = ("response-property-min-length-increased",        Info,    Project, "the {} response property's minLength was increased from {} to {} for the response status {}"),
        ResponsePropertyItemsLimitChanged      = ("response-property-items-limit-changed",         Info,    Project, "the {} response property's {} changed from {} to {} for the response status {}"),
        ResponsePropertyDefaultValueAdded      = ("response-property-default-value-added",         Info,    Oasdiff, "the {} response's property default value {} was added for the status {}"),
        ResponsePropertyDefaultValueRemoved    = ("response-property-default-value-removed",       Info,    Oasdiff, "the {} response's property default value {} was removed for the status {}"),
        ResponsePropertyDefaultValueChanged    = ("response-property-default-value-changed",       Info,    Oasdiff, "the {} response's property default value changed from {} to {} for the status {}"),
        ResponseSuccessStatusAdded             = ("response-success-status-added",                 Info,    Oasdiff, "added the success response with the status {}"),
        ResponseSuccessStatusRemoved           = ("response-success-status-removed",               Error,   Oasdiff, "removed the success response with the status {}"),
        ResponseNonSuccessStatusAdded          = ("response-non-success-status-added",             Info,    Oasdiff, "added the non-success response with the status {}"),
        ResponseNonSuccessStatusRemoved        = ("response-non-success-status-removed",           Info,    Oasdiff, "removed the non-success response with the status {}"),
        ApiSecurityAdded                       = ("api-security-added",                            Info,    Oasdiff, "the endpoint scheme security {} was added to the API"),
        ApiSecurityRemoved                     = ("api-security-removed",                          Info,    Oasdiff, "the endpoint scheme security {} was removed from the API"),
        ApiGlobalSecurityAdded                 = ("api-global-security-added",                     Info,    Oasdiff, "the security scheme {} was added to the API"),
        ApiGlobalSecurityRemoved               = ("api-global-security-removed",                   Info,    Oasdiff, "the security scheme {} was removed from the API"),
        ApiSecurityComponentAdded              = ("api-security-component-added",                  Info,    Oasdiff, "the component security scheme {} was added"),
        ApiSecurityComponentRemoved            = ("api-security-component-removed",                Info,    Oasdiff, "the component security scheme {} was removed"),
        ApiSecurityComponentTypeChanged        = ("api-security-component-type-changed",           Info,    Oasdiff, "the component security scheme {} type changed from {} to {}"),
        ApiSecurityComponentApiKeyChanged      = ("api-security-component-api-key-changed",        Error,   Project, "the component security scheme {} takes its key from {} instead of {}"),
        DescriptionChanged                     = ("description-changed",                           Info,    Project, "changed the description of {}"),
    }
}

rule_table! {
    /// The Rust-level rules: differences between the surfaces of two generated modules.
    pub enum RustRule {
        // variant                               id                                              level    origin             message
        InherentMethodAdded                    = ("inherent_method_added",                         Minor,   CargoSemverChecks, "added the method {}"),
        InherentMethodMissing                  = ("inherent_method_missing",                       Major,   CargoSemverChecks, "removed the method {}"),
        MethodParameterTypeChanged             = ("method_parameter_type_changed",                 Major,   Project,           "changed the type that {} takes from {} to {}"),
        MethodReturnTypeChanged                = ("method_return_type_changed",                    Major,   Project,           "changed the {} type of {} from {} to {}"),
        BuilderRequiredParameterAdded          = ("builder_required_parameter_added",              Major,   Project,           "added the required parameter {}: existing calls compile, but their `send()` fails without it"),
        BuilderParameterBecameRequired         = ("builder_parameter_became_required",             Major,   Project,           "made the {} parameter {} required: `send()` fails without it ({} → {})"),
        BuilderParameterChanged                = ("builder_parameter_changed",                     Patch,   Project,           "changed how {} is sent from {} to {}"),
        OperationHttpChanged                   = ("operation_http_changed",                        Patch,   Project,           "sends {} instead of {}"),
        OperationStatusesChanged               = ("operation_statuses_changed",                    Patch,   Project,           "decodes the response statuses as {} instead of {}"),
        ApiVersionChanged                      = ("api_version_changed",                           Patch,   Project,           "sends the api-version header {} instead of {}"),
        ExhaustiveStructAdded                  = ("exhaustive_struct_added",                       Minor,   CargoSemverChecks, "added the struct {}"),
        ExhaustiveStructWithPrivateFieldsAdded = ("exhaustive_struct_with_private_fields_added",   Minor,   CargoSemverChecks, "added the struct {} with private fields"),
        NonExhaustiveStructAdded               = ("non_exhaustive_struct_added",                   Minor,   CargoSemverChecks, "added the non-exhaustive struct {}"),
        ExhaustiveEnumAdded                    = ("exhaustive_enum_added",                         Minor,   CargoSemverChecks, "added the enum {}"),
        NonExhaustiveEnumAdded                 = ("non_exhaustive_enum_added",                     Minor,   CargoSemverChecks, "added the non-exhaustive enum {}"),
        TypeAliasAdded                         = ("type_alias_added",                              Minor,   Project,           "added the type alias {}"),
        StructMissing                          = ("struct_missing",                                Major,   CargoSemverChecks, "removed the struct {}"),
        EnumMissing                            = ("enum_missing",                                  Major,   CargoSemverChecks, "removed the enum {}"),
        TypeAliasMissing                       = ("type_alias_missing",                            Major,   Project,           "removed the type alias {}"),
        TypeKindChanged                        = ("type_kind_changed",                             Major,   Project,           "changed {} from a {} to a {}"),
        NewtypeInnerTypeChanged                = ("newtype_inner_type_changed",                    Major,   Project,           "changed the value that {} wraps from {} to {}"),
        TypeAliasTargetChanged                 = ("type_alias_target_changed",                     Major,   Project,           "changed the type alias {} from {} to {}"),
        StructMarkedNonExhaustive              = ("struct_marked_non_exhaustive",                  Major,   CargoSemverChecks, "marked the struct {} #[non_exhaustive], so it can no longer be built with a literal outside the crate"),
        EnumMarkedNonExhaustive                = ("enum_marked_non_exhaustive",                    Major,   CargoSemverChecks, "marked the enum {} #[non_exhaustive], so a match on it outside the crate needs a wildcard arm"),
        SerdeContainerChanged                  = ("serde_container_changed",                       Patch,   Project,           "changed the attributes of {} from {} to {}"),
        DeriveTraitImplRemoved                 = ("derive_trait_impl_removed",                     Major,   CargoSemverChecks, "stopped deriving {} for {}"),
        CopyImplAdded                          = ("copy_impl_added",                               Major,   CargoSemverChecks, "started deriving Copy for {}, so non-move closures capture it by reference"),
        DeriveTraitImplAdded                   = ("derive_trait_impl_added",                       Minor,   Project,           "started deriving {} for {}"),
        ConstructibleStructAddsField           = ("constructible_struct_adds_field",               Major,   CargoSemverChecks, "added the pub field {} to a struct that can be built with a literal"),
        StructPubFieldAdded                    = ("struct_pub_field_added",                        Minor,   Project,           "added the pub field {} to a struct that cannot be built with a literal"),
        StructRequiredFieldAdded               = ("struct_required_field_added",                   Major,   Project,           "added the required field {}: code that builds the struct through its builder compiles, but its `try_into()` fails without it"),
        StructPubFieldMissing                  = ("struct_pub_field_missing",                      Major,   CargoSemverChecks, "removed the pub field {}"),
        StructPubFieldTypeChanged              = ("struct_pub_field_type_changed",                 Major,   Project,           "changed the type of the pub field {} from {} to {}"),
        StructFieldSerdeChanged                = ("struct_field_serde_changed",                    Patch,   Project,           "changed how the field {} is (de)serialized from {} to {}"),
        EnumVariantAdded                       = ("enum_variant_added",                            Major,   CargoSemverChecks, "added the variant {} to an enum without #[non_exhaustive]"),
        NonExhaustiveEnumVariantAdded          = ("non_exhaustive_enum_variant_added",             Minor,   Project,           "added the variant {} to a #[non_exhaustive] enum"),
        EnumVariantMissing                     = ("enum_variant_missing",                          Major,   CargoSemverChecks, "removed the variant {}"),
        EnumVariantTypeChanged                 = ("enum_variant_type_changed",                     Major,   Project,           "changed the data of the variant {} from {} to {}"),
        EnumVariantSerdeChanged                = ("enum_variant_serde_changed",                    Patch,   Project,           "changed how the variant {} is (de)serialized from {} to {}"),
        NewtypeCheckChanged                    = ("newtype_check_changed",                         Patch,   Project,           "changed its check {} from {} to {}"),
        PubConstAdded                          = ("pub_const_added",                               Minor,   CargoSemverChecks, "added the pub const {}"),
        PubModuleLevelConstMissing             = ("pub_module_level_const_missing",                Major,   CargoSemverChecks, "removed the pub const {}"),
        RequestConstraintChanged               = ("request_constraint_changed",                    Patch,   Project,           "changed the checked request constraint {} from {} to {}"),
        DocumentationChanged                   = ("documentation_changed",                         Patch,   Project,           "changed only in its documentation: the generated code differs, its surface does not"),
    }
}

/// A rule's message with its arguments filled in, in order.
pub(crate) fn message(template: &str, args: &[String]) -> String {
    let mut out = String::new();
    let mut args = args.iter();
    let mut pieces = template.split("{}");
    out.push_str(pieces.next().unwrap_or_default());
    for piece in pieces {
        out.push_str(args.next().map_or("", String::as_str));
        out.push_str(piece);
    }
    out
}

/// `text` as code in a message: in backticks, as oasdiff quotes its arguments.
pub(crate) fn code(text: impl fmt::Display) -> String {
    format!("`{text}`")
}

#[cfg(test)]
mod tests {
    use super::{Level, RustRule, WireRule, code, message};

    #[test]
    fn messages_take_their_arguments_in_order() {
        assert_eq!(
            message(
                WireRule::RequestPropertyMaxLengthIncreased.template(),
                &[code("name"), code(64), code(128)]
            ),
            "the `name` request property's maxLength was increased from `64` to `128`"
        );
        assert_eq!(message("{} and {}", &["a".to_owned()]), "a and ");
    }

    #[test]
    fn each_table_uses_only_its_own_levels() {
        assert!(
            WireRule::ALL
                .iter()
                .all(|r| matches!(r.level(), Level::Error | Level::Warning | Level::Info))
        );
        assert!(
            RustRule::ALL
                .iter()
                .all(|r| matches!(r.level(), Level::Major | Level::Minor | Level::Patch))
        );
    }
}
