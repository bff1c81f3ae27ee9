//! Printable documents: the attendance sheet of a session, a person's
//! participation certificate, the mission report, and the recovery kit's
//! page. PDF with embedded fonts (krilla, see [`pdf`]), in the user's
//! language.

pub mod pdf;

mod documents;
mod kit;

pub use kit::recovery_kit_pdf;
