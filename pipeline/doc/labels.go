package doc

// Labels are the words writers add to a document themselves. They come from
// one table keyed by the document's language so that a Russian article does
// not get English labels.
type Labels struct {
	Contents string
	Notes    string
	// Page is a format string with two %d verbs: page number and total.
	Page       string
	Credit     string
	Source     string
	By         string
	Tags       string
	Published  string
	Updated    string
	BackToText string
}

var labels = map[string]Labels{
	"en": {"Contents", "Notes", "Page %d of %d", "Credit", "Source", "By", "Tags", "Published", "Updated", "Back to text"},
	"ru": {"Содержание", "Примечания", "Страница %d из %d", "Фото", "Источник", "Автор", "Теги", "Опубликовано", "Обновлено", "Назад к тексту"},
	"uk": {"Зміст", "Примітки", "Сторінка %d з %d", "Фото", "Джерело", "Автор", "Теги", "Опубліковано", "Оновлено", "Назад до тексту"},
	"ar": {"المحتويات", "ملاحظات", "صفحة %d من %d", "حقوق الصورة", "المصدر", "بقلم", "الوسوم", "نُشر", "حُدّث", "العودة إلى النص"},
	"fa": {"فهرست مطالب", "یادداشت‌ها", "صفحه %d از %d", "اعتبار تصویر", "منبع", "نویسنده", "برچسب‌ها", "منتشرشده", "به‌روزشده", "بازگشت به متن"},
	"fr": {"Sommaire", "Notes", "Page %d sur %d", "Crédit", "Source", "Par", "Mots-clés", "Publié", "Mis à jour", "Retour au texte"},
	"de": {"Inhalt", "Anmerkungen", "Seite %d von %d", "Bildnachweis", "Quelle", "Von", "Schlagwörter", "Veröffentlicht", "Aktualisiert", "Zurück zum Text"},
	"es": {"Contenido", "Notas", "Página %d de %d", "Crédito", "Fuente", "Por", "Etiquetas", "Publicado", "Actualizado", "Volver al texto"},
}

// LabelsFor returns the labels for a BCP 47 language tag, falling back to
// English for languages not in the table.
func LabelsFor(lang string) Labels {
	if l, ok := labels[PrimaryLang(lang)]; ok {
		return l
	}
	return labels["en"]
}
