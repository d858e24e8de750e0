package article

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/formats/internal/boiler"
	"folio/formats/internal/lazyre"
	"folio/formats/internal/sentence"
)

// The line model scores every unit as article text or page furniture. It
// works in two stages (a logistic regression, then a small net), trained on real pages copied as
// text (see train_test.go; the weights are in linemodel_weights.go):
//
//   - stage 1 looks at the unit itself (length, sentence ending, stop-word
//     and punctuation density, capitals, digits, the boilerplate score,
//     share-row, comment-thread and date shapes, repeats on the page, and
//     its words' log-odds in a word list learned from the training pages)
//     and at its surroundings (how much prose lies within 1, 3 and 8
//     units, whether it lies in the densest run of long lines, how many
//     comment-thread lines and clock-led live-blog lines lie within 6);
//   - stage 2 adds its neighbours' stage-1 scores and the run of units with
//     the highest total stage-1 score, so that a short line inside the
//     article is kept and a long comment after it is not; it is a small
//     net (smallNet: linear plus a few tanh units), so that a signal can
//     weigh differently with the line's shape.

// stopWords are the commonest function words of the languages most pages
// are written in (English, German, French, Spanish, Italian, Portuguese,
// Dutch, Russian, Polish, Swedish): prose is dense with them, menus and
// link lists are not.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
the of and to a in is that for it was on with as he be by at are this have from or his an
they which but not were had has their been its one would there she her we can all will
you i if who more when so what about also than into them these then out only after
der die das und ist nicht zu den mit von sich des auf für im dem ein eine als auch es an
werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum
war haben nur oder aber vor zur bis mehr durch man sein wurde sei ich wir ihr
le la les de des du et un une est en que qui dans pour pas sur au par ne se ce il elle
plus avec sont ont son sa ses mais aux leur nous vous cette été être comme
el los las del y es por con para una su al lo como más pero sus le ya o este ha fue
il di che e non un per una sono della nel alla anche ma si gli ho questo più
o os as do da em um uma não se na com por mais dos das ao ele foi seu sua
het een van en niet dat op te zijn voor met er aan ook als bij maar om nog wordt
и в не на что с по как это он к но из у за то же от все она так его для был мы ты
w z na się nie do to że jest o jak ale po co tak za od jego przez
och att det som är på för av med till den har de inte om ett men var
`) {
		m[w] = true
	}
	return m
}()

var (
	reCommentBy   = lazyre.New(`(?i)(?:^|\s)(?:says|said|wrote|writes|schreibt|schrieb|sagt|dit|a écrit|escribió|dice|scrive|disse|schreef|пишет|написал)\s*:?\s*$`)
	reCommentAct  = lazyre.New(`(?i)^(?:reply|replies|antworten|antwort|melden|signaler|denunciar|segnala|reportar|répondre|responder|rispondi|report|report abuse|like|likes|quote|permalink|flag|upvote|downvote|ответить|\d+\s+(?:likes?|replies|points?))$`)
	reCommentHead = lazyre.New(`(?i)(?:^\d+\s+(?:responses?|comments?|replies|kommentare?|réponses?|commentaires?|comentarios?|commenti|reacties|комментари\S*)\b|^(?:leserkommentare|leave a reply|leave a comment|post a comment|add a comment|kommentar hinterlassen|schreibe einen kommentar|laisser un commentaire|deja un comentario|comments|kommentare|commentaires|comentarios|reader comments|discussion|what do you think|join the conversation)\b)`)
	reShareRow    = lazyre.New(`(?i)\((?:opens|öffnet) in (?:a )?new window\)|\bclick to (?:share|email|print)\b|\bshare (?:on|via|this)\b|\btweet\b|\bpin it\b|\bteilen\b|\bpartager\b|\bcompartir\b`)
	// reCommentCount is a comment thread's heading anywhere in a short
	// line ("There are 13 comments") or at the start of a long one ("11
	// responses to “…”").
	reCommentCount = lazyre.New(`(?i)\b\d+\s+(?:responses?|comments?|replies|thoughts|kommentare?|réactions?|réponses?|commentaires?|comentarios?|commenti|reacties|komentarz\S*|комментари\S*)\b`)
	reCommentLong  = lazyre.New(`(?i)^(?:\d+|one|two|three)\s+(?:responses?|comments?|replies|thoughts|kommentare?|réponses?|commentaires?|comentarios?)\s+(?:to|on|zu|à|sur|a|en)\b`)
	// reStampTime is a comment's or post's time stamp: "at 12:20 AM",
	// "um 14:10", "à 07:19".
	reStampTime = lazyre.New(`(?i)(?:\b(?:at|um|à|a las|às|alle|om|в)\s+\d{1,2}[:.h]\d{2}|\d{1,2}:\d{2}\s*(?:am|pm)\b)`)
	// reDateClock is a numeric date followed by a clock time, as a
	// comment's stamp is often written: "14. 01. 2020, 13:47",
	// "2020-01-14 13:47", "14/01/2020 um 13:47".
	reDateClock = lazyre.New(`(?:\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\b\d{1,2}/\d{1,2}/\d{2,4}|\b\d{4}-\d{2}-\d{2})\b\D{0,8}\b\d{1,2}:\d{2}\b`)
	// reReplyTo is a reply in a comment thread, led by the name it
	// answers: "@Martinxyz ob die …".
	reReplyTo = lazyre.New(`^@[\pL\pN_]`)
	// reTimeLed is a line led by a clock time, as live-blog entries are.
	reTimeLed     = lazyre.New(`^\d{1,2}[:h.]\d{2}\b`)
	reClockLine   = lazyre.New(`\b\d{1,2}:\d{2}\b`)
	reNumbersOnly = lazyre.New(`^[\d\s.,:/|•·()+-]+$`)
)

// lineModel is the line model's two stages.
type lineModel struct {
	w1 []float64
	m2 *smallNet
	// lex is the word list: each word's log-odds of article text against
	// page furniture, learned from the training pages (lexWords).
	lex map[string]float64
}

// trainedLineModel is the model in linemodel_weights.go.
var trainedLineModel = lineModel{w1: stage1Weights[:], m2: &stage2Model, lex: lineLexicon}

// model is the parser's line model.
func (p *parser) model() *lineModel {
	if p.lm != nil {
		return p.lm
	}
	return &trainedLineModel
}

// lexWords are the distinct words of s as the word list counts them:
// runs of letters, lower-cased.
func lexWords(s string) []string {
	ws := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
	slices.Sort(ws)
	return slices.Compact(ws)
}

// lexFeatures are the word list's view of a line: the mean log-odds of
// its known words, the lowest one (the most furniture-like word) and the
// share of its words the list knows.
func lexFeatures(lex map[string]float64, s string) []float64 {
	ws := lexWords(s)
	sum, low, known := 0.0, 0.0, 0
	for _, w := range ws {
		if v, ok := lex[w]; ok {
			sum += v
			low = math.Min(low, v)
			known++
		}
	}
	if known == 0 {
		return []float64{0, 0, 0}
	}
	return []float64{sum / float64(known), low, float64(known) / float64(len(ws))}
}

// unitFeatures are the stage-1 features of unit i that depend on it alone.
func (p *parser) unitFeatures(i int, repeats map[string]int, afterComments bool) []float64 {
	u := p.units[i]
	s := u.text
	ws := words(s)
	n := len(ws)
	runes := runeLen(s)
	stops, caps, social := 0, 0, 0
	for _, w := range ws {
		lw := strings.ToLower(strings.Trim(w, ".,;:!?\"'“”‘’«»()[]"))
		if stopWords[lw] {
			stops++
		}
		if boiler.SocialWord(lw) {
			social++
		}
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			caps++
		}
	}
	digits, letters, cjkPunct, commas := 0, 0, 0, 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r):
			letters++
		}
		switch r {
		case '。', '，', '、', '！', '？', '；':
			cjkPunct++
		case ',':
			commas++
		}
	}
	fn := float64(max(n, 1))
	fr := float64(max(runes, 1))
	ep := sentence.LastPunct(s)
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	first, _ := firstRune(s)
	return append([]float64{
		math.Log1p(float64(n)),
		math.Log1p(float64(runes)),
		b(sentence.Ends(s)),
		b(ep == ':'),
		float64(stops) / fn,
		math.Min(1, 10*float64(cjkPunct)/fr),
		float64(commas) / fn,
		float64(caps) / fn,
		float64(digits) / fr,
		float64(letters) / fr,
		math.Max(-2, math.Min(2, float64(p.scores[i])/4)),
		b(p.isMetaLine(i)),
		b(repeats[key(s)] > 1),
		b(strings.ContainsAny(s, "|»›") || strings.Contains(s, " / ")),
		b(strings.ContainsRune("*•·-–—>", first)),
		b(urlish(s)),
		b(n <= 8 && reCommentBy.MatchString(s)),
		b(n <= 4 && reCommentAct.MatchString(s)),
		b(commentHead(s, n)),
		b(afterComments),
		b(n <= 20 && reShareRow.MatchString(s)),
		float64(social) / fn,
		b(n <= 8 && reClockLine.MatchString(s)),
		b(n <= 12 && reNumbersOnly.MatchString(s)),
		b(n <= 3),
		b(unicode.IsLower(first)),
		b(u.gapBefore),
		b(isProse(s)),
	}, lexFeatures(p.model().lex, s)...)
}

// urlish reports a line with a web or mail address in it.
func urlish(s string) bool {
	return strings.Contains(s, "://") || strings.Contains(s, "www.") || strings.Contains(s, "@")
}

// commentLine reports a line shaped like a comment thread's furniture:
// who wrote ("Anna says:"), a time stamp, an action ("Reply", "melden") or
// a reply led by the name it answers ("@anna …").
func (p *parser) commentLine(i int) bool {
	u := p.units[i]
	s, nw := u.text, u.nwords
	digit := strings.ContainsAny(s, "0123456789")
	return nw <= 14 && (reCommentBy.MatchString(s) || digit && (reStampTime.MatchString(s) || reDateClock.MatchString(s))) ||
		nw <= 4 && reCommentAct.MatchString(s) || s[0] == '@' && reReplyTo.MatchString(s)
}

// commentHeadFeature is the index of the comment-thread heading feature.
const commentHeadFeature = 18

// commentCount reports a short line that counts a thread's comments, or
// a long one that opens with the count.
func (p *parser) commentCount(i int) bool {
	u := p.units[i]
	if !strings.ContainsAny(u.text, "0123456789") {
		return p.commentLong(i)
	}
	return u.nwords <= 8 && reCommentCount.MatchString(u.text) || p.commentLong(i)
}

func (p *parser) commentLong(i int) bool {
	s := p.units[i].text
	return s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == 'o' || s[0] == 'O' || s[0] == 't' || s[0] == 'T') && reCommentLong.MatchString(s)
}

func b2f(v bool) float64 {
	if v {
		return 1
	}
	return 0
}

// commentHead reports the heading of a comment thread: "34 responses to
// …", "Leave a Reply", "Comments".
func commentHead(s string, n int) bool { return n <= 12 && reCommentHead.MatchString(s) }

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

// lineWeight is how much a unit counts in densities: its words (in an
// unspaced script one for every two characters, as wordCount counts them),
// capped.
func lineWeight(u *unit) float64 { return math.Min(float64(u.nwords), 80) }

// bestRun returns the run of units [a, b] with the highest sum of v.
func bestRun(v []float64) (a, b int) {
	best, cur, start := math.Inf(-1), 0.0, 0
	for i, x := range v {
		if cur <= 0 {
			cur, start = 0, i
		}
		cur += x
		if cur > best {
			best, a, b = cur, start, i
		}
	}
	return a, b
}

// runFeatures says whether unit i lies in the run [a, b] and how far out.
func runFeatures(i, a, b, n int) []float64 {
	if i >= a && i <= b {
		return []float64{1, 0, 0}
	}
	d := a - i
	before := 1.0
	if i > b {
		d, before = i-b, 0
	}
	return []float64{0, math.Log1p(float64(d)) / math.Log1p(float64(n)), before}
}

// windowMean is the weighted mean of v over units i-k..i+k without i.
func windowMean(v, w []float64, i, k int) float64 {
	sum, tot := 0.0, 0.0
	for j := max(0, i-k); j <= min(len(v)-1, i+k); j++ {
		if j == i {
			continue
		}
		sum += v[j] * w[j]
		tot += w[j]
	}
	if tot == 0 {
		return 0
	}
	return sum / tot
}

// lineFeatures returns the stage-1 feature vectors of every unit.
func (p *parser) lineFeatures() [][]float64 {
	n := len(p.units)
	repeats := map[string]int{}
	for _, u := range p.units {
		repeats[key(u.text)]++
	}
	prose := make([]float64, n)
	w := make([]float64, n)
	dens := make([]float64, n)
	for i, u := range p.units {
		w[i] = 1 + lineWeight(u)
		if isProse(u.text) {
			prose[i] = 1
		}
		dens[i] = lineWeight(u) - 10
	}
	a, b := bestRun(dens)
	out := make([][]float64, n)
	afterComments := false
	// Shapes of the page around the article, counted over windows:
	// comment-thread lines (name and time stamp, "says:", Reply) and lines
	// led by a clock time (live blogs).
	one := make([]float64, n)
	for i := range one {
		one[i] = 1
	}
	for i := range p.units {
		f := p.unitFeatures(i, repeats, afterComments)
		if f[commentHeadFeature] == 1 || p.commentCount(i) {
			afterComments = true
		}
		out[i] = f
	}
	comment, timed := make([]float64, n), make([]float64, n)
	for i, u := range p.units {
		s := u.text
		if p.commentLine(i) {
			comment[i] = 1
		}
		if s[0] >= '0' && s[0] <= '9' && reTimeLed.MatchString(s) {
			timed[i] = 1
		}
	}
	for i := range p.units {
		f := out[i]
		f = append(f, windowMean(prose, w, i, 1), windowMean(prose, w, i, 3), windowMean(prose, w, i, 8),
			float64(i)/float64(n))
		f = append(f, runFeatures(i, a, b, n)...)
		f = append(f, comment[i], windowMean(comment, one, i, 6), timed[i], windowMean(timed, one, i, 6),
			b2f(p.commentLong(i)))
		out[i] = f
	}
	return out
}

// stage2Features extends stage-1 features with the neighbours' stage-1
// scores and the run of highest total score.
func (p *parser) stage2Features(f1 [][]float64, p1 []float64) [][]float64 {
	n := len(p.units)
	w := make([]float64, n)
	v := make([]float64, n)
	for i, u := range p.units {
		w[i] = 1 + lineWeight(u)
		v[i] = (p1[i] - 0.5) * math.Log1p(lineWeight(u))
	}
	a, b := bestRun(v)
	at := func(j int) float64 {
		if j < 0 || j >= n {
			return 0
		}
		return p1[j]
	}
	out := make([][]float64, n)
	for i := range f1 {
		f := append(append([]float64(nil), f1[i]...), p1[i], at(i-1), at(i+1),
			windowMean(p1, w, i, 3), windowMean(p1, w, i, 10))
		out[i] = append(f, runFeatures(i, a, b, n)...)
	}
	return out
}

// logistic scores a feature vector with a weight vector whose last entry is
// the bias.
func logistic(wt, f []float64) float64 {
	z := wt[len(wt)-1]
	for k, x := range f {
		z += wt[k] * x
	}
	return 1 / (1 + math.Exp(-z))
}

// contentScores runs both stages and returns each unit's probability of
// being article text.
func (p *parser) contentScores(w1 []float64, m2 *smallNet) []float64 {
	f1 := p.lineFeatures()
	p1 := make([]float64, len(f1))
	for i, f := range f1 {
		p1[i] = logistic(w1, f)
	}
	f2 := p.stage2Features(f1, p1)
	p2 := make([]float64, len(f2))
	for i, f := range f2 {
		p2[i] = 1 / (1 + math.Exp(-m2.score(f)))
	}
	return p2
}

// smooth decides each unit with two states (article, furniture): the sum of
// the units' log-odds, each weighted by its length, minus a penalty for each
// change of state, is maximised (Viterbi), so that a short line inside the
// article stays and a lone long line in the furniture goes.
func smooth(units []*unit, prob []float64, penalty float64) []bool {
	n := len(prob)
	if n == 0 {
		return nil
	}
	// score[s] is the best total ending in state s (1 article, 0 not).
	var score [2]float64
	from := make([][2]int8, n)
	emit := func(i, s int) float64 {
		pr := math.Min(math.Max(prob[i], 1e-4), 1-1e-4)
		lo := math.Log(pr / (1 - pr))
		w := math.Sqrt(1 + lineWeight(units[i]))
		if s == 1 {
			return w * lo / 2
		}
		return -w * lo / 2
	}
	score[0], score[1] = emit(0, 0), emit(0, 1)
	for i := 1; i < n; i++ {
		var next [2]float64
		for s := 0; s < 2; s++ {
			stay, move := score[s], score[1-s]-penalty
			if stay >= move {
				next[s], from[i][s] = stay, int8(s)
			} else {
				next[s], from[i][s] = move, int8(1-s)
			}
			next[s] += emit(i, s)
		}
		score = next
	}
	out := make([]bool, n)
	s := 0
	if score[1] >= score[0] {
		s = 1
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = s == 1
		s = int(from[i][s])
	}
	return out
}
