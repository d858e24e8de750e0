// Package typeset holds what the PDF and EPUB writers share about setting
// text in Folio's faces (folio/assets/fonts): HarfBuzz shaping with a
// go-text face per face (Shaper), the Arabic presentation forms and bracket
// mirroring the PDF writer draws right-to-left text with, and the generated
// typographic cover (DrawCover), which the EPUB writer embeds.
package typeset

import (
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"folio/assets/fonts"
)

// Shaper shapes text with HarfBuzz (go-text/typesetting). It keeps
// HarfBuzz's caches and one go-text face per Folio face; go-text faces
// cache glyph data and must not be shared between goroutines, so one
// goroutine uses a Shaper at a time. The zero value is ready to use.
type Shaper struct {
	hb    shaping.HarfbuzzShaper
	faces map[*fonts.Face]*font.Face
}

// Face is the go-text face of f, made once per Shaper.
func (s *Shaper) Face(f *fonts.Face) *font.Face {
	ff := s.faces[f]
	if ff == nil {
		if s.faces == nil {
			s.faces = map[*fonts.Face]*font.Face{}
		}
		ff = font.NewFace(f.Font())
		s.faces[f] = ff
	}
	return ff
}

// Shape shapes one run.
func (s *Shaper) Shape(in shaping.Input) shaping.Output { return s.hb.Shape(in) }

// PresentationForms shapes right-to-left Arabic text in face and returns
// it in drawing order (left to right) as the characters the face draws
// each glyph for: the Arabic Presentation Forms, for a writer that can
// only place characters one by one and cannot join letters itself (fpdf).
// A glyph no character maps to (a ligature without a presentation form)
// falls back to the characters of its cluster, in visual order (only its
// marks where the cluster's letter has a glyph of its own). lang is
// the text's BCP 47 tag. ok is false when nothing was shaped.
func (s *Shaper) PresentationForms(face *fonts.Face, text []rune, lang string) (string, bool) {
	out := s.Shape(shaping.Input{
		Text: text, RunStart: 0, RunEnd: len(text),
		Direction: di.DirectionRTL, Face: s.Face(face), Size: fixed.I(100),
		Script: language.Arabic, Language: language.NewLanguage(lang),
	})
	// Where another glyph of the cluster already drew the base letter
	// (shadda with fatha is one glyph with no character, over a medial
	// seen), the fallback brings back only the cluster's marks, or the
	// letter would be drawn twice.
	drawn := map[int]bool{}
	for _, g := range out.Glyphs {
		if _, ok := face.RuneFor(g.GlyphID); ok {
			drawn[g.TextIndex()] = true
		}
	}
	var b []rune
	done := map[int]bool{}
	for _, g := range out.Glyphs {
		if r, ok := face.RuneFor(g.GlyphID); ok {
			b = append(b, r)
			continue
		}
		start := g.TextIndex()
		if done[start] {
			continue
		}
		done[start] = true
		end := min(start+max(g.RunesCount(), 1), len(text))
		for i := end - 1; i >= start; i-- {
			if drawn[start] && !unicode.Is(unicode.Mn, text[i]) {
				continue
			}
			b = append(b, text[i])
		}
	}
	if len(b) == 0 {
		return "", false
	}
	return string(b), true
}

var mirrors = map[rune]rune{
	'(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<',
	'«': '»', '»': '«', '‹': '›', '›': '‹',
}

// Mirror is the character that stands for r in right-to-left text drawn in
// reverse order: the other bracket or guillemet, else r.
func Mirror(r rune) rune {
	if m, ok := mirrors[r]; ok {
		return m
	}
	return r
}
