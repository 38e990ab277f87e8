//! The pages a user reads (`README.md` and `docs/*.md`), their fenced code blocks, and the
//! commands of their shell blocks split into words as a shell would, for the tests that
//! compile, run or parse those blocks. std only: `xtask/tests/docs_commands.rs` includes this
//! file too, to run the `cargo xtask` lines through the xtask binary.

use std::fs;
use std::path::{Path, PathBuf};

/// One fenced code block of a page.
#[derive(Clone, Debug)]
pub struct Block {
    /// The page, relative to the workspace root (`docs/cli.md`).
    pub page: String,
    /// The 1-based line of the opening fence.
    pub line: usize,
    /// The info string after the fence (`rust,no_run`, `sh`), empty when there is none.
    pub info: String,
    /// The lines between the fences.
    pub text: String,
}

impl Block {
    /// Where the block is, for messages: `docs/cli.md:12`.
    pub fn at(&self) -> String {
        format!("{}:{}", self.page, self.line)
    }
}

/// The pages a user reads, relative to `root`: `README.md`, then `docs/*.md` by name.
///
/// # Panics
///
/// When `docs/` cannot be read: the pages are part of the repository.
pub fn pages(root: &Path) -> Vec<String> {
    let mut docs: Vec<String> = fs::read_dir(root.join("docs"))
        .unwrap_or_else(|e| panic!("{}: {e}", root.join("docs").display()))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .filter_map(|path| {
            path.file_name()?
                .to_str()
                .map(|name| format!("docs/{name}"))
        })
        .collect();
    docs.sort();
    let mut all = vec!["README.md".to_owned()];
    all.extend(docs);
    all
}

/// The text of `page` under `root`.
///
/// # Panics
///
/// When the page cannot be read.
pub fn read(root: &Path, page: &str) -> String {
    let path: PathBuf = root.join(page);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The fenced code blocks (```` ``` ````) of `text`, the page `page`.
///
/// # Panics
///
/// When a fence is not closed.
pub fn blocks(page: &str, text: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut open: Option<Block> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        match open.take() {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    open = Some(Block {
                        page: page.to_owned(),
                        line: index + 1,
                        info: info.trim().to_owned(),
                        text: String::new(),
                    });
                }
            }
            Some(mut block) => {
                if trimmed.starts_with("```") {
                    found.push(block);
                } else {
                    block.text.push_str(line);
                    block.text.push('\n');
                    open = Some(block);
                }
            }
        }
    }
    if let Some(block) = open {
        panic!("{}: the code block is not closed", block.at());
    }
    found
}

/// The simple commands of a shell block, each with the 1-based line (in the block) where it
/// starts: lines continued with `\` are joined, comments dropped, and each line split at `|`,
/// `;`, `&`, `$(` and `)` outside quotes into commands of words, quotes removed, variables left
/// as written (`"$session"` is the word `$session`). Leading assignments (`name=value`) are
/// dropped, so a command is its program and arguments; a line of assignments only is none.
pub fn commands(block: &str) -> Vec<(usize, Vec<String>)> {
    let mut found = Vec::new();
    let mut logical = String::new();
    let mut start = 0;
    for (index, line) in block.lines().enumerate() {
        if logical.is_empty() {
            start = index + 1;
        }
        match line.trim_end().strip_suffix('\\') {
            Some(continued) => {
                logical.push_str(continued);
                logical.push(' ');
            }
            None => {
                logical.push_str(line);
                for words in split(&logical) {
                    found.push((start, words));
                }
                logical.clear();
            }
        }
    }
    for words in split(&logical) {
        found.push((start, words));
    }
    found
}

/// One logical line into its commands (see [`commands`]).
fn split(line: &str) -> Vec<Vec<String>> {
    let mut commands: Vec<Vec<String>> = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            } else {
                word.get_or_insert_with(String::new).push(c);
            }
            continue;
        }
        match c {
            '\'' | '"' => {
                quote = Some(c);
                word.get_or_insert_with(String::new);
            }
            '#' if word.is_none() => break,
            '$' if chars.peek() == Some(&'(') => {
                chars.next();
                end_command(&mut commands, &mut words, &mut word);
            }
            '|' | ';' | '&' | ')' => end_command(&mut commands, &mut words, &mut word),
            c if c.is_whitespace() => words.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    end_command(&mut commands, &mut words, &mut word);
    commands
}

/// Ends the word and the command being read; keeps the command if it has a program.
fn end_command(
    commands: &mut Vec<Vec<String>>,
    words: &mut Vec<String>,
    word: &mut Option<String>,
) {
    words.extend(word.take());
    let program = words
        .iter()
        .position(|w| !is_assignment(w))
        .unwrap_or(words.len());
    let command: Vec<String> = words.drain(..).skip(program).collect();
    if !command.is_empty() {
        commands.push(command);
    }
}

/// Whether `word` is a shell assignment (`name=value`).
fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// The commands of every `sh` block of the pages under `root`, with where each starts
/// (`docs/cli.md:40`).
pub fn shell_commands(root: &Path) -> Vec<(String, Vec<String>)> {
    let mut found = Vec::new();
    for page in pages(root) {
        for block in blocks(&page, &read(root, &page)) {
            if block.info != "sh" {
                continue;
            }
            for (line, words) in commands(&block.text) {
                found.push((format!("{}:{}", page, block.line + line), words));
            }
        }
    }
    found
}
