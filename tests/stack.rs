//! Stack parsing against the fixtures in `tests/fixtures/stacks/` (real Chromium strings, and
//! strings written in the formats of engines that cannot run here), plus pseudo-random garbage
//! that must never panic. The fixture format is described at the top of each fixture file.

use faultline::protocol::event::Frame;
use faultline::stack::{parse, parse_component_stack, MAX_FRAMES};
use std::path::Path;

/// One named case of a fixture file.
struct Case {
    /// `file.txt: case name`, for assertion messages.
    label: String,
    /// `--- component stack` rather than `--- stack`.
    component: bool,
    stack: String,
    /// Expected frames as fixture rows.
    frames: Vec<String>,
}

/// Reads every case of one fixture file.
fn read_cases(path: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).expect("fixture file is readable");
    let file = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
    let mut cases: Vec<Case> = Vec::new();
    // Where the line goes: 0 = file header or case notes, 1 = stack, 2 = frames.
    let mut section = 0;
    let mut stack_lines: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if let Some(name) = line.strip_prefix("=== ") {
            cases.push(Case {
                label: format!("{file}: {name}"),
                component: false,
                stack: String::new(),
                frames: Vec::new(),
            });
            section = 0;
            continue;
        }
        let Some(case) = cases.last_mut() else {
            continue; // the file's header comment
        };
        match (section, line) {
            (0, "--- stack") | (0, "--- component stack") => {
                case.component = line == "--- component stack";
                stack_lines.clear();
                section = 1;
            }
            (1, "--- frames") => {
                case.stack = stack_lines.join("\n");
                section = 2;
            }
            (1, _) => stack_lines.push(line),
            (2, _) if !line.trim().is_empty() && !line.starts_with('#') => {
                case.frames.push(line.trim().to_string());
            }
            (0, _) if !line.is_empty() && !line.starts_with('#') => {
                panic!("{}: unexpected line before `--- stack`: {line}", case.label)
            }
            _ => {}
        }
    }
    assert_eq!(section, 2, "{file}: the last case has no `--- frames`");
    cases
}

/// A frame as a fixture row: `function | filename | lineno | colno | in_app | instruction_addr |
/// platform`, `-` for absent fields.
fn row(frame: &Frame) -> String {
    fn field<T: ToString>(value: &Option<T>) -> String {
        value.as_ref().map_or_else(|| "-".to_string(), T::to_string)
    }
    [
        field(&frame.function),
        field(&frame.filename),
        field(&frame.lineno),
        field(&frame.colno),
        field(&frame.in_app),
        field(&frame.instruction_addr),
        field(&frame.platform),
    ]
    .join(" | ")
}

/// What must hold for every frame, whatever the input.
fn check_invariants(frames: &[Frame], label: &str) {
    assert!(
        frames.len() <= MAX_FRAMES,
        "{label}: {} frames",
        frames.len()
    );
    for (i, frame) in frames.iter().enumerate() {
        assert!(
            frame.function.is_some(),
            "{label}: frame {i} has no function"
        );
        assert!(frame.in_app.is_some(), "{label}: frame {i} has no in_app");
        assert_eq!(frame.abs_path, None, "{label}: frame {i} sets abs_path");
        let expected_mode = frame.instruction_addr.as_ref().map(|_| "rel:0");
        assert_eq!(
            frame.addr_mode.as_deref(),
            expected_mode,
            "{label}: frame {i} addr_mode"
        );
        if frame.instruction_addr.is_some() {
            assert_eq!(
                frame.platform,
                Some("native"),
                "{label}: frame {i} platform"
            );
            assert_eq!(
                (frame.lineno, frame.colno),
                (None, None),
                "{label}: frame {i} position"
            );
        }
    }
}

#[test]
fn fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stacks");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/stacks exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "fixture files found: {paths:?}");
    let mut total = 0;
    for path in &paths {
        let cases = read_cases(path);
        assert!(!cases.is_empty(), "{}: no cases", path.display());
        for case in cases {
            let frames = match case.component {
                true => parse_component_stack(&case.stack),
                false => parse(&case.stack),
            };
            check_invariants(&frames, &case.label);
            let actual: Vec<String> = frames.iter().map(row).collect();
            for (i, (got, want)) in actual.iter().zip(&case.frames).enumerate() {
                assert_eq!(got, want, "{}: frame {i} (oldest is 0)", case.label);
            }
            assert_eq!(
                actual.len(),
                case.frames.len(),
                "{}: frame count; got\n{}",
                case.label,
                actual.join("\n")
            );
            total += 1;
        }
    }
    assert!(total >= 40, "only {total} fixture cases ran");
}

/// xorshift64: a fixed sequence, so a failure reproduces.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Pieces of real stack syntax, numbers that overflow, and bytes the parsers split on.
const PIECES: &[&str] = &[
    "at ",
    "    at ",
    "at",
    "(",
    ")",
    ":",
    "@",
    "0",
    "7",
    "42",
    "4294967295",
    "4294967296",
    "99999999999999999999",
    "\n",
    "\r\n",
    " ",
    "\t",
    "async ",
    "new ",
    "eval at ",
    ", ",
    "<anonymous>",
    " line ",
    " > eval",
    " > Function",
    ":wasm-function[",
    "]:",
    "0x",
    "fF",
    "[native code]",
    "[wasm code]",
    "<?>.wasm-function[",
    "native",
    "http://h/a.js",
    "chrome-extension://x/",
    "node_modules/",
    "data:",
    ",",
    "in ",
    "(at ",
    "created by ",
    "unknown:0:0",
    "*",
    "async*",
    "[as x]",
    "index ",
    "é",
    "€",
    "\u{10FFFF}",
    "\0",
    "/",
    ".",
];

fn garbage(rng: &mut XorShift, pieces: usize) -> String {
    let mut s = String::new();
    for _ in 0..pieces {
        s.push_str(PIECES[rng.below(PIECES.len())]);
    }
    s
}

fn check_both(input: &str, label: &str) {
    check_invariants(&parse(input), label);
    check_invariants(&parse_component_stack(input), label);
}

#[test]
fn garbage_never_panics() {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for i in 0..5000 {
        let pieces = rng.below(120);
        let input = garbage(&mut rng, pieces);
        check_both(&input, &format!("garbage #{i}: {input:?}"));
    }
    // Long lines around the 1024-byte cap, and lines that are one piece repeated.
    for i in 0..300 {
        let piece = PIECES[rng.below(PIECES.len())];
        let pieces = 200 + rng.below(400);
        let repeats = rng.below(3000);
        let line = garbage(&mut rng, pieces) + &piece.repeat(repeats);
        check_both(&line, &format!("long line #{i}"));
    }
    // One big input with many frame-like lines: only the 50 newest are kept.
    let mut big = String::from("Error: big\n");
    for i in 0..200_000 {
        big.push_str(if i % 3 == 0 {
            "    at f (http://h/a.js:1:2)\n"
        } else {
            "    at\n"
        });
    }
    assert_eq!(parse(&big).len(), MAX_FRAMES);
    check_both(&"(".repeat(1_000_000), "a million (");
    check_both(&")".repeat(1_000_000), "a million )");
    check_both(&"at ".repeat(400_000), "at at at");
    check_both(&"\n".repeat(1_000_000), "a million newlines");
}
