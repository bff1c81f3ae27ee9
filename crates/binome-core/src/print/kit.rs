//! The recovery kit on paper: whose store it opens, who can open it, what
//! the coordinator does with it, and the kit file itself, line by line,
//! for a kit kept in a drawer rather than on a disk.

use super::documents::{lang_tag, say};
use super::pdf::{CONTENT_WIDTH, PdfWriter};
use crate::error::{CoreError, Result};
use crate::i18n::Messages;
use crate::vault::RecoveryKit;

/// Characters of the kit file per printed line (the file is JSON with a
/// base64 seal: no spaces to break at).
const KIT_LINE_CHARS: usize = 72;

pub fn recovery_kit_pdf(kit: &RecoveryKit, m: &Messages) -> Result<Vec<u8>> {
    let title = say(m, "print-kit-title", &[]);
    let mut pdf = PdfWriter::new(&title, &format!("Binôme — {}", kit.device_name), lang_tag(m));
    pdf.heading(&title, 20.0);
    let coordinators: Vec<String> = kit.seal.coordinators.iter().map(|c| c.name.clone()).collect();
    pdf.key_values(
        &[
            (say(m, "print-kit-device", &[]), kit.device_name.clone()),
            (say(m, "print-kit-author", &[]), kit.author.clone()),
            (say(m, "print-kit-coordinators", &[]), coordinators.join(", ")),
            (say(m, "print-kit-store", &[]), kit.store.clone()),
        ],
        10.0,
    );
    pdf.space(8.0);
    pdf.paragraph(&say(m, "print-kit-what", &[]), 10.0);
    pdf.paragraph(&say(m, "print-kit-how", &[]), 10.0);
    pdf.space(8.0);
    pdf.heading(&say(m, "print-kit-file", &[]), 12.0);
    let text = serde_json::to_string(kit).expect("a kit serialises");
    let chars: Vec<char> = text.chars().collect();
    for line in chars.chunks(KIT_LINE_CHARS) {
        let line: String = line.iter().collect();
        pdf.paragraph(&pdf.clip(&line, 8.0, false, CONTENT_WIDTH), 8.0);
    }
    pdf.finish().map_err(CoreError::Pdf)
}
