//! The HTML page's picture: an SVG with a swimlane per agency, a lane per parallel
//! process, a "Review process" lane (milestones done, deadlines to come, notes) and an
//! "Action plan" lane, on a time axis with month ticks and the as-of date.
//!
//! No script: each marker's hover text is an SVG `<title>`, and each marker links to
//! its row in the table below (`#e-N`). Every piece of text from the records goes
//! through `markup::xml_escape`. This file lays the picture out (lanes, axis, labels);
//! `markers` draws what sits on the lanes.

use std::fmt::Write;

use chrono::Datelike;

use super::axis::{Axis, Occupied, month_index, month_start};
use super::markers;
use super::{Kind, Timeline, TimelineEntry};
use crate::markup::xml_escape as esc;
use crate::model::{PartialDate, Precision};

/// The SVG's width in its own units; the page scales it to fit.
const WIDTH: f64 = 1400.0;
/// Width of the lane names on the left.
const LABEL_WIDTH: f64 = 250.0;
/// Space above the lanes for the month and year labels.
const TOP: f64 = 46.0;
/// Height of one lane.
const LANE: f64 = 42.0;
/// Vertical offsets of the rows markers stack into when they would overlap.
const ROWS: [f64; 3] = [0.0, -11.0, 11.0];

/// Colours of agency lanes, told apart in colour and in grey; red is kept for overdue.
const PALETTE: [&str; 9] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
    "#393b79",
];

/// What a lane holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LaneKind {
    Agency,
    Parallel,
    Review,
    Actions,
}

struct Lane {
    name: String,
    kind: LaneKind,
    colour: &'static str,
    entries: Vec<usize>,
}

fn lanes(timeline: &Timeline) -> Vec<Lane> {
    let mut agencies: Vec<Lane> = Vec::new();
    let mut parallel: Vec<Lane> = Vec::new();
    let mut review = Lane {
        name: "Review process".into(),
        kind: LaneKind::Review,
        colour: "#1b3a6b",
        entries: Vec::new(),
    };
    let mut actions = Lane {
        name: "Action plan".into(),
        kind: LaneKind::Actions,
        colour: "#2e7d32",
        entries: Vec::new(),
    };
    for (i, e) in timeline.entries.iter().enumerate() {
        match e.kind {
            Kind::Event => {
                let name = e.agency.clone().unwrap_or_default();
                let key = name.trim().to_lowercase();
                match agencies
                    .iter_mut()
                    .find(|l| l.name.trim().to_lowercase() == key)
                {
                    Some(lane) => lane.entries.push(i),
                    None => {
                        let colour = PALETTE[agencies.len() % PALETTE.len()];
                        agencies.push(Lane {
                            name,
                            kind: LaneKind::Agency,
                            colour,
                            entries: vec![i],
                        });
                    }
                }
            }
            Kind::Parallel => {
                let key = e.key.clone().unwrap_or_default();
                match parallel.iter_mut().find(|l| {
                    l.entries
                        .first()
                        .is_some_and(|&j| timeline.entries[j].key.as_deref() == Some(&key))
                }) {
                    Some(lane) => lane.entries.push(i),
                    None => parallel.push(Lane {
                        name: e.track.clone().unwrap_or_else(|| "Parallel process".into()),
                        kind: LaneKind::Parallel,
                        colour: "#6d4c41",
                        entries: vec![i],
                    }),
                }
            }
            Kind::Milestone | Kind::Note | Kind::Deadline => review.entries.push(i),
            Kind::Action => actions.entries.push(i),
        }
    }
    let mut all = agencies;
    all.extend(parallel);
    all.extend(
        [review, actions]
            .into_iter()
            .filter(|l| !l.entries.is_empty()),
    );
    all
}

/// Marks the months the axis must show: every entry's, every parallel process's span,
/// and the as-of date when it falls inside the picture.
fn occupied(timeline: &Timeline) -> Occupied {
    let mut occ = Occupied::default();
    let mut open: Vec<(&str, chrono::NaiveDate)> = Vec::new();
    for e in &timeline.entries {
        occ.mark(e.date.start(), e.precision == Precision::Year);
        if e.precision == Precision::Month {
            occ.mark(e.end(), false);
        }
        if e.kind == Kind::Parallel {
            let key = e.key.as_deref().unwrap_or("");
            match open.iter().position(|(k, _)| *k == key) {
                Some(p) => {
                    let (_, started) = open.remove(p);
                    occ.mark_range(started, e.date.start());
                }
                None => open.push((key, e.date.start())),
            }
        }
    }
    if let Some((first, last)) = occ.bounds() {
        let as_of = month_index(timeline.as_of);
        if first <= as_of && as_of <= last {
            occ.mark(timeline.as_of, false);
            for (_, started) in open {
                occ.mark_range(started, timeline.as_of);
            }
        }
    }
    occ
}

fn axis_labels(out: &mut String, axis: &Axis, bottom: f64) {
    let w = axis.month_width;
    // Fewer labels when months are narrow: every month, every quarter, or only Januaries.
    let step = if w >= 30.0 {
        1
    } else if w >= 11.0 {
        3
    } else {
        12
    };
    for seg in &axis.segments {
        for m in seg.first..=seg.last {
            let Some((x1, x2)) = axis.month_span(m) else {
                continue;
            };
            let start = month_start(m);
            let year_only = axis.year_only.contains(&m);
            let new_year = start.month() == 1 || m == seg.first;
            let grid = if start.month() == 1 {
                "#9ca3af"
            } else {
                "#e5e7eb"
            };
            let _ = writeln!(
                out,
                "<line x1=\"{x1:.1}\" y1=\"{TOP:.1}\" x2=\"{x1:.1}\" y2=\"{bottom:.1}\" stroke=\"{grid}\" stroke-width=\"1\"/>"
            );
            if year_only {
                let _ = writeln!(
                    out,
                    "<text x=\"{:.1}\" y=\"16\" class=\"year\" text-anchor=\"middle\">{}</text>",
                    (x1 + x2) / 2.0,
                    start.year()
                );
                continue;
            }
            if new_year {
                let _ = writeln!(
                    out,
                    "<text x=\"{:.1}\" y=\"16\" class=\"year\">{}</text>",
                    x1 + 2.0,
                    start.year()
                );
            }
            if (start.month0() as i32) % step == 0 || m == seg.first {
                let label = start.format("%b").to_string();
                let _ = writeln!(
                    out,
                    "<text x=\"{:.1}\" y=\"36\" class=\"month\" text-anchor=\"middle\">{label}</text>",
                    if step == 1 { (x1 + x2) / 2.0 } else { x1 + 2.0 }
                );
            }
        }
        let _ = writeln!(
            out,
            "<line x1=\"{x:.1}\" y1=\"{TOP:.1}\" x2=\"{x:.1}\" y2=\"{bottom:.1}\" stroke=\"#e5e7eb\" stroke-width=\"1\"/>",
            x = seg.x_end
        );
    }
    for (from, to, first, last) in axis.breaks() {
        let (a, b) = (month_start(first), month_start(last));
        let gap = if a.year() == b.year() && a.month() == b.month() {
            a.format("%B %Y").to_string()
        } else {
            format!("{} to {}", a.format("%b %Y"), b.format("%b %Y"))
        };
        let mid = (from + to) / 2.0;
        let _ = writeln!(
            out,
            "<g class=\"break\"><title>{}</title><rect x=\"{from:.1}\" y=\"{TOP:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"url(#hatch)\"/><path d=\"M{:.1} 22l6 -6m0 12l6 -6\" stroke=\"#6b7280\" fill=\"none\"/></g>",
            esc(&format!(
                "Axis break: {gap} left out (no entry starts then)"
            )),
            to - from,
            bottom - TOP,
            mid - 6.0,
        );
    }
}

/// Renders the picture: an `<svg>` element, or `None` when there is nothing to draw.
pub fn render(timeline: &Timeline) -> Option<String> {
    let lanes = lanes(timeline);
    let occ = occupied(timeline);
    occ.bounds()?;
    let axis = Axis::new(&occ, LABEL_WIDTH + 10.0, WIDTH - LABEL_WIDTH - 30.0);
    let height = TOP + LANE * lanes.len() as f64 + 22.0;
    let bottom = TOP + LANE * lanes.len() as f64;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH:.0} {height:.0}\" role=\"img\" aria-labelledby=\"chart-title\" class=\"chart\"><title id=\"chart-title\">{}</title>",
        esc(&format!(
            "Swimlane chronology of {}: {} lanes, {} entries",
            timeline.case,
            lanes.len(),
            timeline.entries.len()
        ))
    );
    out.push_str("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f3f4f6\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#d1d5db\" stroke-width=\"2\"/></pattern></defs>\n");
    for i in 0..lanes.len() {
        let y = TOP + LANE * i as f64;
        let band = if i % 2 == 0 { "#f8fafc" } else { "#ffffff" };
        let _ = writeln!(
            out,
            "<rect x=\"0\" y=\"{y:.1}\" width=\"{WIDTH:.0}\" height=\"{LANE:.0}\" fill=\"{band}\"/>"
        );
    }
    axis_labels(&mut out, &axis, bottom);
    if let Some(x) = axis.x(timeline.as_of) {
        let x = x + axis.month_width / 60.0;
        // The label goes under the lanes, where it cannot cover a month's name.
        let (anchor, tx) = if x > WIDTH - 160.0 {
            ("end", x - 4.0)
        } else {
            ("start", x + 4.0)
        };
        let day = PartialDate::Day(timeline.as_of).display_uk();
        let _ = writeln!(
            out,
            "<g class=\"asof\"><title>{}</title><line x1=\"{x:.1}\" y1=\"{TOP:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#c0392b\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/><text x=\"{tx:.1}\" y=\"{:.1}\" class=\"asof\" text-anchor=\"{anchor}\">as of {}</text></g>",
            esc(&format!("As of {day}")),
            bottom + 6.0,
            bottom + 16.0,
            esc(&day)
        );
    }
    for (i, lane) in lanes.iter().enumerate() {
        let mid = TOP + LANE * i as f64 + LANE / 2.0;
        draw_lane(&mut out, timeline, lane, mid, &axis);
    }
    out.push_str("</svg>");
    Some(out)
}

/// Characters of a lane name that fit on one line of the label column.
const LABEL_CHARS: usize = 27;

/// Splits a lane name into at most two lines that fit the label column, cutting the
/// second with "…" when even two are not enough (the full name is the hover text).
fn label_lines(name: &str) -> Vec<String> {
    if name.chars().count() <= LABEL_CHARS {
        return vec![name.to_string()];
    }
    let mut lines = super::text::wrap(name, LABEL_CHARS);
    if lines.len() > 2 {
        let rest = lines[1..].join(" ");
        let cut: String = rest.chars().take(LABEL_CHARS - 1).collect();
        lines = vec![lines[0].clone(), format!("{}…", cut.trim_end())];
    }
    lines
}

fn lane_label(out: &mut String, lane: &Lane, mid: f64) {
    let name = lane.name.trim();
    let class = if lane.kind == LaneKind::Agency {
        "lane"
    } else {
        "lane review"
    };
    let lines = label_lines(name);
    let (first_y, class) = if lines.len() == 1 {
        (mid + 4.5, class.to_string())
    } else {
        (mid - 3.0, format!("{class} two"))
    };
    let mut text = String::new();
    for (i, line) in lines.iter().enumerate() {
        let _ = write!(
            text,
            "<tspan x=\"20\" y=\"{:.1}\">{}</tspan>",
            first_y + 15.0 * i as f64,
            esc(line)
        );
    }
    let _ = writeln!(
        out,
        "<g><title>{}</title><rect x=\"8\" y=\"{:.1}\" width=\"6\" height=\"16\" fill=\"{}\"/><text class=\"{class}\">{text}</text></g>",
        esc(name),
        mid - 8.0,
        lane.colour,
    );
}

fn draw_lane(out: &mut String, timeline: &Timeline, lane: &Lane, mid: f64, axis: &Axis) {
    lane_label(out, lane, mid);
    if lane.kind == LaneKind::Parallel {
        let entries: Vec<&TimelineEntry> =
            lane.entries.iter().map(|&i| &timeline.entries[i]).collect();
        markers::parallel_bar(
            out,
            &entries,
            lane.colour,
            &lane.name,
            timeline.as_of,
            mid,
            axis,
        );
    }
    let mut last_x = [f64::NEG_INFINITY; 3];
    for &i in &lane.entries {
        let e = &timeline.entries[i];
        let x = markers::centre(e, axis);
        // Stack markers that would overlap into the lane's upper and lower rows.
        let row = (0..ROWS.len())
            .find(|&r| x - last_x[r] >= 14.0)
            .unwrap_or_else(|| {
                (0..ROWS.len())
                    .min_by(|&a, &b| last_x[a].total_cmp(&last_x[b]))
                    .unwrap_or(0)
            });
        last_x[row] = x;
        let y = mid
            + if lane.kind == LaneKind::Parallel {
                0.0
            } else {
                ROWS[row]
            };
        let _ = writeln!(
            out,
            "<a href=\"#e-{n}\"><g class=\"m\"><title>{}</title>",
            markers::hover(e, i + 1),
            n = i + 1
        );
        markers::marker(out, e, lane.colour, x, y, axis);
        out.push_str("</g></a>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lane_names_take_two_lines_and_no_more() {
        assert_eq!(label_lines("Hospital"), ["Hospital"]);
        assert_eq!(
            label_lines("Greater Manchester Fire and Rescue Service"),
            ["Greater Manchester Fire and", "Rescue Service"]
        );
        let three = label_lines("An agency whose name is far too long to fit on two lines at all");
        assert_eq!(three.len(), 2);
        assert!(three[1].ends_with('…'));
        assert!(three.iter().all(|l| l.chars().count() <= LABEL_CHARS));
    }
}
