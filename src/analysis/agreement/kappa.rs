//! Cohen's kappa for one yes/no decision made by two coders over the same
//! units: the 2×2 table and the statistic, kept apart from notes and codes so
//! the arithmetic can be checked against textbook tables.

/// How two coders answered one yes/no question (was this code applied?) over
/// the same units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Table {
    /// Both said yes.
    pub both: usize,
    /// Only coder A said yes.
    pub a_only: usize,
    /// Only coder B said yes.
    pub b_only: usize,
    /// Both said no.
    pub neither: usize,
}

impl Table {
    pub fn units(&self) -> usize {
        self.both + self.a_only + self.b_only + self.neither
    }

    /// The units the coders answered differently.
    pub fn disagreements(&self) -> usize {
        self.a_only + self.b_only
    }

    /// Adds one unit.
    pub fn record(&mut self, a: bool, b: bool) {
        match (a, b) {
            (true, true) => self.both += 1,
            (true, false) => self.a_only += 1,
            (false, true) => self.b_only += 1,
            (false, false) => self.neither += 1,
        }
    }

    /// The cell-by-cell sum: the pooled table of several decisions.
    pub fn add(&mut self, other: &Table) {
        self.both += other.both;
        self.a_only += other.a_only;
        self.b_only += other.b_only;
        self.neither += other.neither;
    }

    /// Share of units the coders agree on.
    pub fn observed(&self) -> Option<f64> {
        let n = self.units() as f64;
        (n > 0.0).then(|| (self.both + self.neither) as f64 / n)
    }

    /// Agreement expected by chance, from each coder's own yes rate.
    pub fn expected(&self) -> Option<f64> {
        let n = self.units() as f64;
        if n == 0.0 {
            return None;
        }
        let a_yes = (self.both + self.a_only) as f64 / n;
        let b_yes = (self.both + self.b_only) as f64 / n;
        Some(a_yes * b_yes + (1.0 - a_yes) * (1.0 - b_yes))
    }

    /// Cohen's kappa, `(po - pe) / (1 - pe)`. `None` when it is undefined:
    /// no units, or chance agreement is already 1 (both coders said the same
    /// thing of every unit, e.g. a code neither of them used), where the
    /// formula divides by zero. Reports print it as "undefined" and JSON as
    /// `null`, never as 1 or 0, which would each claim something not measured.
    pub fn kappa(&self) -> Option<f64> {
        let po = self.observed()?;
        let pe = self.expected()?;
        // Exactly 1 happens only when every unit is in one diagonal cell;
        // the tolerance guards against rounding in the products above.
        if (1.0 - pe).abs() < 1e-12 {
            return None;
        }
        Some((po - pe) / (1.0 - pe))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(both: usize, a_only: usize, b_only: usize, neither: usize) -> Table {
        Table { both, a_only, b_only, neither }
    }

    fn close(x: Option<f64>, want: f64) -> bool {
        x.is_some_and(|x| (x - want).abs() < 5e-4)
    }

    #[test]
    fn the_grant_proposals_example_gives_0_4() {
        // The worked example of Cohen's kappa found in most textbooks (two readers, 50
        // proposals: 20 both yes, 5 A only, 10 B only, 15 both no):
        // po = 0.7, pe = 0.5, kappa = 0.4.
        let t = table(20, 5, 10, 15);
        assert!(close(t.observed(), 0.7));
        assert!(close(t.expected(), 0.5));
        assert!(close(t.kappa(), 0.4));
    }

    #[test]
    fn equal_observed_agreement_gives_different_kappas_when_the_margins_differ() {
        // The textbook pair of tables with po = 0.6 each: balanced margins
        // give 0.1304, unbalanced ones 0.2593.
        assert!(close(table(45, 15, 25, 15).kappa(), 0.1304));
        assert!(close(table(25, 35, 5, 35).kappa(), 0.2593));
    }

    #[test]
    fn a_table_worked_by_hand() {
        // 100 units: yes/yes 40, A only 9, B only 6, no/no 45.
        // po = 0.85; A says yes to 0.49, B to 0.46, so
        // pe = 0.49 * 0.46 + 0.51 * 0.54 = 0.5008; kappa = 0.3492 / 0.4992 = 0.6995.
        let t = table(40, 9, 6, 45);
        assert!(close(t.observed(), 0.85));
        assert!(close(t.expected(), 0.5008));
        assert!(close(t.kappa(), 0.6995));
    }

    #[test]
    fn perfect_agreement_is_1() {
        assert!(close(table(12, 0, 0, 30).kappa(), 1.0));
    }

    #[test]
    fn agreement_no_better_than_chance_is_0() {
        assert!(close(table(25, 25, 25, 25).kappa(), 0.0));
    }

    #[test]
    fn systematic_disagreement_is_negative() {
        assert!(close(table(0, 10, 10, 0).kappa(), -1.0));
    }

    #[test]
    fn a_code_one_coder_never_used_is_0_not_undefined() {
        // A applied it to 5 of 40 units, B to none: B's yes rate is 0 so
        // chance agreement equals observed agreement.
        let t = table(0, 5, 0, 35);
        assert!(close(t.kappa(), 0.0));
    }

    #[test]
    fn kappa_is_undefined_when_chance_agreement_is_1() {
        // A code neither coder used on these units, or one both used on all.
        assert_eq!(table(0, 0, 0, 40).kappa(), None);
        assert_eq!(table(40, 0, 0, 0).kappa(), None);
        assert_eq!(Table::default().kappa(), None);
    }

    #[test]
    fn pooling_adds_cells() {
        let mut t = table(1, 2, 3, 4);
        t.add(&table(10, 20, 30, 40));
        assert_eq!(t, table(11, 22, 33, 44));
        assert_eq!(t.units(), 110);
    }
}
