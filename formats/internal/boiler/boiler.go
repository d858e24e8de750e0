// Package boiler scores a line of text as site furniture (navigation,
// sharing, advertising, subscription and cookie prompts, link-box
// headings, copyright and reading-time lines) by its words alone, in
// English, Russian, Arabic, German, French, Spanish, Portuguese, Italian,
// Dutch and Polish. The copied-text reader scores every line with it (and
// its line model reads the score); the saved-page reader drops the
// paragraphs it scores as furniture.
package boiler

import (
	"strings"
	"unicode"

	"folio/formats/internal/lazyre"
	"folio/formats/internal/sentence"
)

// Threshold is the score from which a line is site boilerplate.
const Threshold = 3

// promoLines are whole lines that only sites write: navigation, sharing,
// advertising and subscription prompts. Compared after key().
var promoLines = func() map[string]bool {
	m := map[string]bool{
		"advertisement": true, "advertising": true, "ad": true, "ads": true, "sponsored": true,
		"sponsored content": true, "paid content": true, "promoted": true, "partner content": true,
		"gesponsert": true, "gesponserte inhalte": true, "contenu sponsorisé": true,
		"contenido patrocinado": true, "conteúdo patrocinado": true, "contenuto sponsorizzato": true,
		"story continues below": true, "story continues below advertisement": true,
		"article continues below": true, "continue reading": true, "continue reading below": true,
		"share": true, "share this": true, "share this article": true, "share this story": true,
		"share on facebook": true, "share on twitter": true, "share on x": true,
		"share via email": true, "print": true, "print this article": true, "email": true,
		"copy link": true, "comments": true, "leave a comment": true, "view comments": true,
		"show comments": true, "editors' picks": true, "most shared": true, "latest": true,
		"subscribe": true, "subscribe now": true, "sign up": true, "sign in": true, "log in": true,
		"login": true, "register": true, "newsletter": true, "newsletters": true, "menu": true,
		"search": true, "skip to content": true, "skip to main content": true, "skip navigation": true,
		"home": true, "back to top": true, "close": true, "accept": true, "accept all": true,
		"accept cookies": true, "listen to this article": true, "listen": true, "watch": true,
		"follow us": true, "follow": true, "donate": true, "support us": true, "реклама": true,
		"поделиться": true, "подписаться": true, "подпишитесь": true, "комментарии": true,
		"главное": true, "новости партнеров": true, "войти": true, "меню": true, "поиск": true,
		"إعلان": true, "شارك": true, "شارك المقال": true, "مشاركة": true, "اشترك": true,
		"اشترك الآن": true, "تابعونا": true, "التعليقات": true,
		// German, French, Spanish, Portuguese, Italian, Dutch, Polish.
		"anzeige": true, "werbung": true, "teilen": true, "artikel teilen": true, "drucken": true,
		"kommentare": true, "kommentar schreiben": true, "kommentar verfassen": true, "antworten": true,
		"neue beiträge": true, "meistgelesene artikel": true, "abonnieren": true,
		"jetzt abonnieren": true, "anmelden": true, "einloggen": true, "registrieren": true,
		"suche": true, "menü": true, "startseite": true, "nach oben": true, "über den autor": true,
		"über die autorin": true, "publicité": true, "partager": true, "imprimer": true,
		"commentaires": true, "laisser un commentaire": true, "lire la suite": true, "s'abonner": true,
		"se connecter": true, "connexion": true, "rechercher": true, "accueil": true,
		"à propos de l'auteur": true, "publicidad": true, "compartir": true, "imprimir": true,
		"comentarios": true, "suscríbete": true, "iniciar sesión": true, "buscar": true, "inicio": true,
		"sobre el autor": true, "publicidade": true, "compartilhar": true, "partilhar": true,
		"comentários": true, "leia mais": true, "saiba mais": true, "assine": true,
		"sobre o autor": true, "pubblicità": true, "condividi": true, "commenti": true,
		"iscriviti": true, "accedi": true, "cerca": true, "advertentie": true, "delen": true,
		"reacties": true, "lees meer": true, "inloggen": true, "zoeken": true, "reklama": true,
		"udostępnij": true, "komentarze": true, "zaloguj się": true, "szukaj": true,
		// What a platform writes on every site it serves: WordPress's like
		// widget, an image viewer's buttons, a consent plugin's placeholder.
		"%d bloggern gefällt das": true, "%d bloggers like this": true,
		"gefällt mir wird geladen": true, "like loading": true, "bild anzeigen bild schließen": true,
		"merken": true, "schon gelesen?": true, "externer inhalt": true, "inhalt laden": true,
	}
	// Every line that opens a list of other articles is one.
	for k := range relatedMarkers {
		m[k] = true
	}
	return m
}()

// relatedMarkers open a list of links to other articles.
var relatedMarkers = map[string]bool{
	"related": true, "related articles": true, "related stories": true, "related content": true,
	"related coverage": true, "related posts": true, "related reading": true, "see also": true,
	"read more": true, "read next": true, "read also": true, "also read": true,
	"more on this story": true, "more stories": true, "more from this author": true,
	"you may also like": true, "you might also like": true, "recommended": true,
	"recommended for you": true, "most read": true, "most popular": true, "most viewed": true,
	"trending": true, "trending now": true, "top stories": true, "latest news": true,
	"latest stories": true, "editor's picks": true,
	"читайте также": true, "читать также": true, "смотрите также": true, "по теме": true,
	"самое читаемое": true, "популярное": true,
	"اقرأ أيضا": true, "اقرأ أيضاً": true, "إقرأ أيضا": true, "اقرأ المزيد": true,
	"مواضيع ذات صلة": true, "ذات صلة": true, "الأكثر قراءة": true,
	"verwandte artikel": true, "ähnliche artikel": true, "ähnliche beiträge": true,
	"das könnte sie auch interessieren": true, "das könnte dich auch interessieren": true,
	"auch interessant": true, "lesen sie auch": true, "mehr zum thema": true, "weitere artikel": true,
	"weitere beiträge": true, "beliebte beiträge": true, "neueste beiträge": true, "meistgelesen": true,
	"à lire aussi": true, "lire aussi": true, "articles similaires": true, "sur le même sujet": true,
	"les plus lus": true, "vous aimerez aussi": true,
	"lee también": true, "lea también": true, "mirá también": true, "te puede interesar": true,
	"también te puede interesar": true, "noticias relacionadas": true, "artículos relacionados": true,
	"lo más leído": true, "más leídas": true,
	"veja também": true, "leia também": true, "notícias relacionadas": true, "mais lidas": true,
	"leggi anche": true, "potrebbe interessarti": true, "articoli correlati": true, "i più letti": true,
	"lees ook": true, "gerelateerde artikelen": true, "meest gelezen": true,
	"czytaj także": true, "czytaj też": true, "zobacz także": true, "zobacz też": true,
	"najczęściej czytane": true,
}

// navFirstWords start the short headings of a site's link boxes: "Recent
// Features", "Latest Videos", "More from Opinion".
var navFirstWords = map[string]bool{
	"recent": true, "latest": true, "popular": true, "trending": true, "most": true,
	"top": true, "more": true, "related": true, "featured": true, "recommended": true,
	"последние": true, "популярное": true, "ещё": true, "еще": true, "другие": true,
	"أحدث": true, "الأكثر": true, "المزيد": true,
}

// socialWords are what a row of share buttons says.
var socialWords = map[string]bool{
	"facebook": true, "twitter": true, "x": true, "linkedin": true, "whatsapp": true,
	"telegram": true, "email": true, "e-mail": true, "reddit": true, "print": true,
	"pinterest": true, "copy": true, "link": true, "share": true, "vk": true,
	"вконтакте": true, "одноклассники": true, "телеграм": true, "mastodon": true,
	"bluesky": true, "threads": true, "instagram": true, "youtube": true, "rss": true,
	"teilen": true, "drucken": true, "partager": true, "imprimer": true, "compartir": true,
	"compartilhar": true, "condividi": true, "delen": true, "xing": true, "flipboard": true,
	"tumblr": true, "messenger": true, "mail": true,
}

var (
	rePromoPrefix = lazyre.New(`(?i)^(?:(?:related|more|watch|listen|recommended|sponsored|advertisement|video|photos|gallery|читайте|смотрите|видео|по теме)\s*:|read more|also read|read also|see also|follow us|follow (?:\S+ )?on|find us on|subscribe to|subscribe for|sign up for|sign up to|get our|join our|download (?:the|our) app|click here|tap here|share this|share on|we use cookies|this (?:web)?site uses cookies|by continuing to|by using this site|support (?:our|independent) journalism|читайте также|смотрите также|подпишитесь|подписывайтесь|присоединяйтесь|мы используем cookie|اقرأ أيضا|اقرأ أيضاً|تابعونا|تابعوا|اشترك|اشتركوا|يستخدم هذا الموقع|lesen sie auch|auch interessant|mehr zum thema|teilen mit|jetzt teilen|diese (?:web)?seite verwendet|this site uses akismet|this entry was posted|lire aussi|à lire aussi|lee también|lea también|mirá también|veja também|leia também|leggi anche|lees ook|czytaj także|czytaj też|(?:le puede interesar|te puede interesar|puedes ver|ver también|mira también|lesen sie (?:hier|dazu|mehr)|weiterlesen|zum weiterlesen|lesetipp|siehe auch|mehr|das könnte sie (?:auch )?interessieren|voir aussi|à voir aussi|(?:à )?lire également|leia mais|saiba mais|vedi anche|zobacz (?:także|też)|przeczytaj (?:także|też)|lees meer|zie ook|you (?:may|might) also like)(?:\s*[:：»›>|]|$))(?:[^\p{L}]|$)`)
	reCopyright   = lazyre.New(`(?i)©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|все права защищены|جميع الحقوق محفوظة`)
	reReadTime    = lazyre.New(`(?i)^(?:\d+\s*(?:min(?:ute)?s?|мин(?:ут[аы]?)?\.?|دقائق|دقيقة)\s*(?:read|reading|чтения|قراءة)?|reading time:?.*|время чтения.*|\d+\s+comments?|\d+\s+комментари\S*)$`)
	// reCommentForm is a comment form's notice: "Your email address will
	// not be published", "Deine E-Mail-Adresse wird nicht veröffentlicht".
	reCommentForm = lazyre.New(`(?i)(?:will not be published|wird nicht veröffentlicht|ne sera pas publiée|no será publicad[ao]|non sarà pubblicat[ao]|não será publicad[ao]|wordt niet gepubliceerd|nie zostanie opublikowany|required fields are marked|erforderliche felder sind|pflichtfelder sind)`)
	// reAdLabel is the whole text of an advertising slot, or of the line
	// that says the story goes on after one (compared after key()).
	reAdLabel = lazyre.New(`^(?:advert|` +
		`(?:story|article|text|content) continues (?:below|after)(?: (?:the|this))? (?:advertisement|advert|ad)|continue reading (?:below|after the advertisement)|advertisement[ -]+scroll to continue(?: with content)?|` +
		`продолжение (?:статьи )?после рекламы|اعلان)$`)
	reNewsletter = lazyre.New(`(?i)newsletter|inbox|subscri|cookie|abonn|inscri|iscriviti|рассылк|подпис|النشرة|اشترك`)
)

// Score scores a line as site furniture. Positive signals: it is a
// known promo phrase or starts like one, it is a row of share buttons, a
// copyright or reading-time line, a short link-box heading, a newsletter or
// cookie prompt. Running text is protected by its length.
func Score(s string) int {
	k := key(s)
	ws := words(k)
	n := len(ws)
	score := 0
	switch {
	case promoLines[k] || reAdLabel.MatchString(k):
		score += 4
	case reReadTime.MatchString(k):
		score += 4
	case n > 0 && n <= 8 && allSocial(ws):
		score += 4
	}
	if n <= 30 && reCopyright.MatchString(s) {
		score += 4
	}
	if rePromoPrefix.MatchString(k) {
		score += 2
		if n <= 12 {
			score++
		}
	}
	if n >= 2 && n <= 4 && navFirstWords[ws[0]] && !sentence.Ends(s) {
		score += 3
	}
	if n <= 25 && reCommentForm.MatchString(k) {
		score += 4
	}
	if n <= 25 && reNewsletter.MatchString(k) {
		score += 2
	}
	switch {
	case n > 40:
		score -= 5
	case n > 25:
		score -= 2
	}
	return score
}

func allSocial(ws []string) bool {
	for _, w := range ws {
		if !socialWords[strings.Trim(w, ",|·•/")] && strings.Trim(w, ",|·•/") != "" {
			return false
		}
	}
	return true
}

// Is reports a line whose score reaches the threshold. A line of more
// than 40 words never does (Score takes 5 off, and what it adds to such a
// line, a reading-time lead and a promo prefix, is 6), so running text
// is not scored at all.
func Is(s string) bool {
	if wordsOver(strings.TrimFunc(s, keyTrimmed), 40) {
		return false
	}
	return Score(s) >= Threshold
}

// wordsOver reports whether s has more than n words, without allocating.
func wordsOver(s string, n int) bool {
	count, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
			continue
		}
		if !in {
			in = true
			if count++; count > n {
				return true
			}
		}
	}
	return false
}

// RelatedMarker reports a line that opens a list of other articles.
func RelatedMarker(s string) bool {
	return relatedMarkers[key(s)]
}

// SocialWord reports a word a row of share buttons says ("Facebook",
// "Teilen"), lower-cased.
func SocialWord(w string) bool { return socialWords[w] }

// key is the comparison form of a line: case and spacing folded, and
// the punctuation a label ends or starts with ("Lesen Sie auch:", "» Mehr")
// trimmed.
func key(s string) string {
	return strings.TrimFunc(strings.ToLower(strings.Join(words(s), " ")), keyTrimmed)
}

// keyTrimmed reports a character key trims from a line's ends, so that Is
// counts the words Score counts.
func keyTrimmed(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(":.!…→›»>|-–—", r)
}

func words(s string) []string { return strings.FieldsFunc(s, unicode.IsSpace) }
