//! Closing answers: each session's answer to the closing question, with the
//! tags it is read under. Separate so the view's type and its tests sit
//! together, apart from the counting in `synthesize`.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosingAnswer {
    /// Index into the records; the answer and question are there.
    pub session: usize,
    /// The session's tags, most used first.
    pub tags: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::synthesis::fixtures::{at, library};
    use crate::analysis::synthesis::{Filter, Options, SessionRecord, synthesize};
    use crate::domain::session::Session;

    #[test]
    fn closing_answers_carry_session_tags() {
        let mut r = library();
        r[0].closing_answer = Some("Make exports fast".into());
        r[1].closing_answer = Some("Cheaper, please".into());
        let s = synthesize(&r, &[], &Filter::default(), &Options::default());
        // Newest first.
        assert_eq!(
            s.closing_answers,
            vec![
                ClosingAnswer { session: 0, tags: vec!["export".into(), "perf".into()] },
                ClosingAnswer { session: 1, tags: vec!["perf".into(), "pricing".into()] },
            ]
        );
        // With a tag filter: only sessions mentioning it, with all their tags.
        let f = Filter { tag: Some("export".into()), ..Filter::default() };
        let s = synthesize(&r, &[], &f, &Options::default());
        assert_eq!(s.closing_answers, vec![ClosingAnswer { session: 0, tags: vec!["export".into(), "perf".into()] }]);
    }

    /// Issue #14: a closing answer's tags count in the themes, the matrix and
    /// the tag filter, as closing answers (no note counted).
    #[test]
    fn closing_answer_tags_count_in_themes_matrix_and_filter() {
        let mut r = library();
        r[2].closing_answer = Some("Mostly #reporting, and #pricing".into());
        r[2].closing_tags = vec!["reporting".into(), "pricing".into()];
        let opts = Options { matrix_themes: 20, ..Options::default() };
        let s = synthesize(&r, &[], &Filter::default(), &opts);
        let reporting = s.theme("reporting").expect("a theme from the closing answer alone");
        assert_eq!((reporting.sessions, reporting.notes), (1, 0));
        assert_eq!(reporting.closing, vec![2]);
        let pricing = s.theme("pricing").unwrap();
        assert_eq!(pricing.sessions, 3, "Ana, Chidi's closing answer and Dana");
        assert_eq!(pricing.closing, vec![2]);
        // Chidi has no segment: the matrix's last row.
        let col = s.matrix.themes.iter().position(|t| t == "reporting").unwrap();
        let none = s.matrix.rows.iter().find(|row| row.group.is_none()).unwrap();
        assert_eq!(none.counts[col], 1);
        assert_eq!(s.closing_answers[0].tags, vec!["reporting", "pricing"], "the answer's own tags first");
        // Filtering by the tag keeps the session for its closing answer.
        let f = Filter { tag: Some("#Reporting".into()), ..Filter::default() };
        let s = synthesize(&r, &[], &f, &opts);
        assert_eq!(s.selected, vec![2]);
        assert_eq!(s.theme("reporting").unwrap().sessions, 1);
        assert_eq!(s.notes, 0);
        // A record made from a session reads the tags stored with its answer.
        let mut session = Session::new("x".into(), "g", "G", Default::default(), at(1));
        session.closing = Some(crate::domain::session::Closing::answered("Q?", "Fix #Reporting", Default::default()));
        assert_eq!(SessionRecord::of(&session).closing_tags, vec!["reporting"]);
    }
}
