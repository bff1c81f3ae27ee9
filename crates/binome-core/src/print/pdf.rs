//! A small page writer over krilla: A4 pages, a cursor going down, and the
//! few things our documents need (headings, wrapped paragraphs, label and
//! value lines, tables that continue on the next page with their header,
//! bar charts). Fonts are DejaVu Sans, embedded and subset by krilla, so
//! every French character prints the same on every machine.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

const REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf");

pub const PAGE_WIDTH: f32 = 595.0;
pub const PAGE_HEIGHT: f32 = 842.0;
pub const MARGIN: f32 = 50.0;
pub const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
const BOTTOM: f32 = PAGE_HEIGHT - MARGIN - 20.0;

pub const INK: (u8, u8, u8) = (29, 42, 47);
pub const BRAND: (u8, u8, u8) = (15, 94, 102);
pub const ACCENT: (u8, u8, u8) = (242, 177, 52);
pub const MUTED: (u8, u8, u8) = (91, 107, 112);
pub const LINE: (u8, u8, u8) = (190, 200, 202);

/// A face to measure text with (krilla draws, ttf-parser measures).
struct Face {
    font: Font,
    face: ttf_parser::Face<'static>,
}

impl Face {
    fn load(data: &'static [u8]) -> Face {
        Face {
            font: Font::new(data.into(), 0).expect("the bundled font loads"),
            face: ttf_parser::Face::parse(data, 0).expect("the bundled font parses"),
        }
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| self.face.glyph_index(c).and_then(|g| self.face.glyph_hor_advance(g)).unwrap_or(500) as u32)
            .sum();
        units as f32 * size / self.face.units_per_em() as f32
    }
}

/// One cell of a table: text, and whether it is right-aligned (numbers).
pub struct Cell {
    pub text: String,
    pub right: bool,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), right: false }
    }
    pub fn number(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), right: true }
    }
}

/// Drawing commands of one page, replayed on a krilla surface when the
/// page is complete (krilla borrows the document per page).
enum Op {
    Text { x: f32, y: f32, size: f32, bold: bool, color: (u8, u8, u8), text: String },
    Rect { x: f32, y: f32, w: f32, h: f32, color: (u8, u8, u8) },
    Line { x1: f32, y1: f32, x2: f32, y2: f32, color: (u8, u8, u8), width: f32 },
}

pub struct PdfWriter {
    regular: Face,
    bold: Face,
    pages: Vec<Vec<Op>>,
    pub y: f32,
    footer: String,
    title: String,
    language: String,
}

fn fill(color: (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

impl PdfWriter {
    pub fn new(title: &str, footer: &str, language: &str) -> PdfWriter {
        PdfWriter {
            regular: Face::load(REGULAR),
            bold: Face::load(BOLD),
            pages: vec![Vec::new()],
            y: MARGIN,
            footer: footer.to_owned(),
            title: title.to_owned(),
            language: language.to_owned(),
        }
    }

    fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }

    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.face(bold).width(text, size)
    }

    fn op(&mut self, op: Op) {
        self.pages.last_mut().expect("a page").push(op);
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` still fits on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.new_page();
        }
    }

    pub fn text_at(&mut self, x: f32, y: f32, size: f32, bold: bool, color: (u8, u8, u8), text: &str) {
        self.op(Op::Text { x, y, size, bold, color, text: text.to_owned() });
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: (u8, u8, u8)) {
        self.op(Op::Rect { x, y, w, h, color });
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, color: (u8, u8, u8), width: f32) {
        self.op(Op::Line { x1, y1, x2, y2, color, width });
    }

    pub fn space(&mut self, height: f32) {
        self.y += height;
    }

    /// Lines of at most `width` points, broken between words.
    pub fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.lines() {
            let mut line = String::new();
            for word in paragraph.split(' ') {
                let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
                if self.width(&candidate, size, bold) > width && !line.is_empty() {
                    lines.push(std::mem::replace(&mut line, word.to_owned()));
                } else {
                    line = candidate;
                }
            }
            lines.push(line);
        }
        lines
    }

    pub fn heading(&mut self, text: &str, size: f32) {
        self.ensure(size * 3.0);
        if self.y > MARGIN {
            self.y += size * 0.7;
        }
        self.y += size;
        self.text_at(MARGIN, self.y, size, true, BRAND, text);
        self.y += size * 0.6;
    }

    pub fn paragraph(&mut self, text: &str, size: f32) {
        for line in self.wrap(text, size, false, CONTENT_WIDTH) {
            self.ensure(size * 1.5);
            self.y += size * 1.4;
            self.text_at(MARGIN, self.y, size, false, INK, &line);
        }
        self.y += size * 0.4;
    }

    /// "Label : value" lines, labels in bold in a first column.
    pub fn key_values(&mut self, pairs: &[(String, String)], size: f32) {
        let label_width = pairs.iter().map(|(k, _)| self.width(k, size, true)).fold(0.0, f32::max) + 12.0;
        for (label, value) in pairs {
            let lines = self.wrap(value, size, false, CONTENT_WIDTH - label_width);
            for (i, line) in lines.iter().enumerate() {
                self.ensure(size * 1.5);
                self.y += size * 1.45;
                if i == 0 {
                    self.text_at(MARGIN, self.y, size, true, INK, label);
                }
                self.text_at(MARGIN + label_width, self.y, size, false, INK, line);
            }
        }
        self.y += size * 0.5;
    }

    /// A table whose header repeats on every page it spans. `widths` are
    /// fractions of the page width; `row_height` at least one line.
    pub fn table(
        &mut self,
        headers: &[impl AsRef<str>],
        widths: &[f32],
        rows: &[Vec<Cell>],
        size: f32,
        row_height: f32,
    ) {
        let columns: Vec<f32> = widths.iter().map(|w| w * CONTENT_WIDTH).collect();
        let header_height = size * 2.0;
        let draw_header = |pdf: &mut PdfWriter| {
            pdf.rect(MARGIN, pdf.y, CONTENT_WIDTH, header_height, BRAND);
            let mut x = MARGIN;
            for (header, w) in headers.iter().zip(&columns) {
                let clipped = pdf.clip(header.as_ref(), size, true, w - 6.0);
                pdf.text_at(x + 3.0, pdf.y + size * 1.35, size, true, (255, 255, 255), &clipped);
                x += w;
            }
            pdf.y += header_height;
        };
        self.ensure(header_height + row_height);
        draw_header(self);
        for (index, row) in rows.iter().enumerate() {
            let wrapped: Vec<Vec<String>> = row
                .iter()
                .zip(&columns)
                .map(
                    |(cell, w)| {
                        if cell.right { vec![cell.text.clone()] } else { self.wrap(&cell.text, size, false, w - 6.0) }
                    },
                )
                .collect();
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1) as f32;
            let height = row_height.max(lines * size * 1.3 + size * 0.7);
            if self.y + height > BOTTOM {
                self.new_page();
                draw_header(self);
            }
            if index % 2 == 1 {
                self.rect(MARGIN, self.y, CONTENT_WIDTH, height, (243, 246, 246));
            }
            let mut x = MARGIN;
            for ((cell, lines), w) in row.iter().zip(&wrapped).zip(&columns) {
                for (i, line) in lines.iter().enumerate() {
                    let line_y = self.y + size * 1.3 * (i as f32 + 1.0);
                    let tx = if cell.right { x + w - 3.0 - self.width(line, size, false) } else { x + 3.0 };
                    self.text_at(tx, line_y, size, false, INK, line);
                }
                x += w;
            }
            // Column rules: room to sign, and to correct by hand.
            let mut x = MARGIN;
            for w in &columns[..columns.len() - 1] {
                x += w;
                self.line(x, self.y, x, self.y + height, LINE, 0.5);
            }
            self.y += height;
            self.line(MARGIN, self.y, MARGIN + CONTENT_WIDTH, self.y, LINE, 0.5);
        }
        self.y += size;
    }

    /// The text cut to `width`, with an ellipsis.
    pub fn clip(&self, text: &str, size: f32, bold: bool, width: f32) -> String {
        if self.width(text, size, bold) <= width {
            return text.to_owned();
        }
        let mut out: String = text.to_owned();
        while !out.is_empty() && self.width(&format!("{out}…"), size, bold) > width {
            out.pop();
        }
        format!("{out}…")
    }

    /// Horizontal bars with their value written at the end; `max` is the
    /// value of a full bar.
    pub fn bar_chart(&mut self, title: &str, bars: &[(String, f64, String)], max: f64) {
        let size = 9.0;
        let bar_height = 12.0;
        let label_width = CONTENT_WIDTH * 0.35;
        let bar_space = CONTENT_WIDTH - label_width - 60.0;
        self.ensure(size * 3.0 + bars.len() as f32 * (bar_height + 4.0));
        self.y += size * 1.6;
        self.text_at(MARGIN, self.y, size + 1.0, true, INK, title);
        self.y += size * 0.8;
        for (label, value, shown) in bars {
            let clipped = self.clip(label, size, false, label_width - 6.0);
            self.text_at(MARGIN, self.y + bar_height - 2.5, size, false, INK, &clipped);
            let length = if max > 0.0 { (value / max).clamp(0.0, 1.0) as f32 * bar_space } else { 0.0 };
            self.rect(MARGIN + label_width, self.y, bar_space, bar_height, (235, 240, 240));
            if length > 0.0 {
                self.rect(MARGIN + label_width, self.y, length, bar_height, BRAND);
            }
            self.text_at(MARGIN + label_width + bar_space + 5.0, self.y + bar_height - 2.5, size, true, INK, shown);
            self.y += bar_height + 4.0;
        }
        self.y += size;
    }

    /// Writes the document: every page with its footer and page number.
    pub fn finish(self) -> Result<Vec<u8>, krilla::error::KrillaError> {
        let mut document = Document::new();
        document.set_metadata(
            Metadata::new().title(self.title.clone()).language(self.language.clone()).creator("Binôme".to_owned()),
        );
        let count = self.pages.len();
        for (number, ops) in self.pages.iter().enumerate() {
            let mut page = document.start_page_with(PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).expect("A4"));
            let mut surface = page.surface();
            let footer = format!("{} — {}/{}", self.footer, number + 1, count);
            let footer_ops = [
                Op::Line {
                    x1: MARGIN,
                    y1: PAGE_HEIGHT - 40.0,
                    x2: PAGE_WIDTH - MARGIN,
                    y2: PAGE_HEIGHT - 40.0,
                    color: ACCENT,
                    width: 1.0,
                },
                Op::Text { x: MARGIN, y: PAGE_HEIGHT - 27.0, size: 8.0, bold: false, color: MUTED, text: footer },
            ];
            for op in ops.iter().chain(footer_ops.iter()) {
                match op {
                    Op::Text { x, y, size, bold, color, text } => {
                        surface.set_stroke(None);
                        surface.set_fill(Some(fill(*color)));
                        let font = if *bold { self.bold.font.clone() } else { self.regular.font.clone() };
                        surface.draw_text(Point::from_xy(*x, *y), font, *size, text, false, TextDirection::Auto);
                    }
                    Op::Rect { x, y, w, h, color } => {
                        let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else { continue };
                        let mut path = PathBuilder::new();
                        path.push_rect(rect);
                        if let Some(path) = path.finish() {
                            surface.set_stroke(None);
                            surface.set_fill(Some(fill(*color)));
                            surface.draw_path(&path);
                        }
                    }
                    Op::Line { x1, y1, x2, y2, color, width } => {
                        let mut path = PathBuilder::new();
                        path.move_to(*x1, *y1);
                        path.line_to(*x2, *y2);
                        if let Some(path) = path.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(Stroke {
                                paint: rgb::Color::new(color.0, color.1, color.2).into(),
                                width: *width,
                                ..Stroke::default()
                            }));
                            surface.draw_path(&path);
                        }
                    }
                }
            }
            surface.finish();
            page.finish();
        }
        document.finish()
    }
}

/// French typography: a narrow no-break space before « ; : ! ? » and
/// inside guillemets, so they never start a line.
pub fn french_spacing(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            ';' | ':' | '!' | '?' | '»' if out.ends_with(' ') => {
                out.pop();
                out.push('\u{202F}');
                out.push(c);
            }
            ' ' if i > 0 && chars[i - 1] == '«' => out.push('\u{202F}'),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_punctuation_gets_narrow_no_break_spaces() {
        assert_eq!(
            french_spacing("Durée : 2 h ; « bien » !"),
            "Durée\u{202F}: 2 h\u{202F}; «\u{202F}bien\u{202F}»\u{202F}!"
        );
        assert_eq!(french_spacing("http://x"), "http://x", "a colon inside a word is left alone");
    }

    #[test]
    fn the_bundled_font_has_every_character_french_needs() {
        for face in [Face::load(REGULAR), Face::load(BOLD)] {
            for c in "àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ«»’…€·—–\u{202F}\u{00A0}".chars()
            {
                assert!(face.face.glyph_index(c).is_some(), "{c:?} ({:04X})", c as u32);
            }
        }
    }

    #[test]
    fn punctuation_never_starts_a_line() {
        let pdf = PdfWriter::new("t", "f", "fr");
        let text = french_spacing("Durée totale de la séance : deux heures ; présents : trente !");
        for width in [60.0, 80.0, 100.0, 120.0, 140.0] {
            for line in pdf.wrap(&text, 10.0, false, width) {
                assert!(!line.starts_with([':', ';', '!', '?', '»']), "{line:?} at width {width}");
            }
        }
    }

    #[test]
    fn long_text_wraps_within_the_width() {
        let pdf = PdfWriter::new("t", "f", "fr");
        let text = "Réanimation du nouveau-né en salle de naissance : gestes, matériel et organisation de l'équipe";
        let lines = pdf.wrap(text, 10.0, false, 150.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| pdf.width(l, 10.0, false) <= 150.0));
        assert_eq!(lines.join(" "), text);
    }
}
