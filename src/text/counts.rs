//! Counts as people read them: "1 note", "98,478 notes", "3 matches".

/// `n` and the noun, plural when `n` is not 1 ("es" after "ch", "sh", "s", "x").
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    let es = ["ch", "sh", "s", "x"].iter().any(|end| noun.ends_with(end));
    format!("{} {noun}{}", thousands(n), if es { "es" } else { "s" })
}

/// 98478 → "98,478": a year of notes stays readable at a glance.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_at_a_glance() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(98478), "98,478");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(plural(1, "match"), "1 match");
        assert_eq!(plural(2, "match"), "2 matches");
        assert_eq!(plural(0, "note"), "0 notes");
        assert_eq!(plural(31324, "note"), "31,324 notes");
    }
}
