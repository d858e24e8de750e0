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
	// Briefing is the default title of a pack ("Briefing — 2 March
	// 2024"); Articles heads the list of a pack's articles on its cover.
	Briefing string
	Articles string
	// Task is the accessible name of a task list's check mark (a
	// checkbox with no label is a critical accessibility failure).
	Task string
	// ImageMissing labels the placeholder of a figure whose image could
	// not be used.
	ImageMissing string
}

var labels = map[string]Labels{
	"en": {"Contents", "Notes", "Page %d of %d", "Credit", "Source", "By", "Tags", "Published", "Updated", "Back to text", "Briefing", "In this pack", "Task", "Image not available"},
	"ru": {"Содержание", "Примечания", "Страница %d из %d", "Фото", "Источник", "Автор", "Теги", "Опубликовано", "Обновлено", "Назад к тексту", "Сводка", "В подборке", "Задача", "Изображение недоступно"},
	"uk": {"Зміст", "Примітки", "Сторінка %d з %d", "Фото", "Джерело", "Автор", "Теги", "Опубліковано", "Оновлено", "Назад до тексту", "Зведення", "У добірці", "Завдання", "Зображення недоступне"},
	"ar": {"المحتويات", "ملاحظات", "صفحة %d من %d", "حقوق الصورة", "المصدر", "بقلم", "الوسوم", "نُشر", "حُدّث", "العودة إلى النص", "موجز", "في هذه المجموعة", "مهمة", "الصورة غير متاحة"},
	"fa": {"فهرست مطالب", "یادداشت\u200cها", "صفحه %d از %d", "اعتبار تصویر", "منبع", "نویسنده", "برچسب\u200cها", "منتشرشده", "به\u200cروزشده", "بازگشت به متن", "گزارش", "در این مجموعه", "کار", "تصویر در دسترس نیست"},
	"fr": {"Sommaire", "Notes", "Page %d sur %d", "Crédit", "Source", "Par", "Mots-clés", "Publié", "Mis à jour", "Retour au texte", "Synthèse", "Dans ce dossier", "Tâche", "Image non disponible"},
	"de": {"Inhalt", "Anmerkungen", "Seite %d von %d", "Bildnachweis", "Quelle", "Von", "Schlagwörter", "Veröffentlicht", "Aktualisiert", "Zurück zum Text", "Lagebericht", "In dieser Mappe", "Aufgabe", "Bild nicht verfügbar"},
	"es": {"Contenido", "Notas", "Página %d de %d", "Crédito", "Fuente", "Por", "Etiquetas", "Publicado", "Actualizado", "Volver al texto", "Resumen", "En este dosier", "Tarea", "Imagen no disponible"},
}

// LabelsFor returns the labels for a BCP 47 language tag, falling back to
// English for languages not in the table.
func LabelsFor(lang string) Labels {
	if l, ok := labels[PrimaryLang(lang)]; ok {
		return l
	}
	return labels["en"]
}
