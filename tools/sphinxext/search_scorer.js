/* The book's search scores (Sphinx's html_search_scorer, set by tools/sphinxext/reading.py).
 *
 * Sphinx's defaults rank an API entry (a name match, 11, plus its priority, 5) above a page whose
 * heading names the term (15 for a whole page's title terms, less for a section's title).  In this
 * book a heading that names a term is where a chapter teaches it ("Softmax" in chapter 2), so a
 * heading counts twice, and the reference pages (the API, performance and references) count half:
 * a chapter that teaches a term comes first, then the API entries, then the pages that only
 * mention it.  Checked by tests/browser/test_screens.py (searching "softmax").
 */
var Scorer = {
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 30,
  partialTitle: 14,
  term: 5,
  partialTerm: 2,
  score: function (result) {
    var docname = result[0], score = result[4];
    return /(^|\/)\d\d_[^/]*$/.test(docname) ? score : score / 2;
  },
};
