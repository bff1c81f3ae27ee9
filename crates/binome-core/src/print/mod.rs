//! Printable documents: the attendance sheet of a session, a person's
//! participation certificate, and the mission report. PDF with embedded
//! fonts (krilla, see [`pdf`]), in the user's language.

pub mod pdf;

mod documents;
