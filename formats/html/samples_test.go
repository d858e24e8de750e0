package html_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/formats/html"
	"folio/formats/markdown"
	"folio/pipeline/normalize"
)

// markdownPage reads Markdown, normalizes it as the pipeline does (images
// left unresolved: readers and writers never touch the disk) and writes
// the page.
func markdownPage(t *testing.T, src []byte, name string) string {
	t.Helper()
	ctx := context.Background()
	d, _, err := markdown.New(markdown.Options{}).Read(src, name)
	if err != nil {
		t.Fatal(err)
	}
	stem := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	if err := normalize.Run(ctx, d, &normalize.Options{Stem: stem}); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := html.New(html.Options{}).Write(ctx, d, &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if updating() {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file; run go test -update and review the diff", name)
	}
}

// updating reports whether -update was given (the flag is defined by the
// package's internal tests, compiled into the same binary).
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestMarkdownThroughThePage: a Markdown article written for this test,
// read, normalized and written, against its golden page.
func TestMarkdownThroughThePage(t *testing.T) {
	src := `---
title: "Night trains return to the Danube"
subtitle: "Operators bet on sleepers as short-haul flights get dearer"
author: [Marta Novak, Дмитро Бондар]
date: 2024-05-02
lang: en
source: https://example.org/rail/night-trains
tags: [rail, Europe]
---

The first **sleeper** in a decade left Vienna at 21:40 on Thursday,[^1] bound for
Bucharest — a 19-hour run that crosses four borders.

## Who rides

| Route | Hours | Fare (€) |
|:--|--:|--:|
| Vienna–Bucharest | 19 | 89 |
| Budapest–Constanța | 14 | 62 |

## What it costs

- a couchette: from *€49*;
- a private cabin: from €159;
- [timetable](https://example.org/tt "Timetable") and [a bad link](javascript:alert(1)).

## What is next

> Trains are slow, and that is the point.

` + "```text\nVIE 21:40 → BBU 16:55\n```\n" + `
[^1]: Operator’s press release, 2 May.
`
	checkGolden(t, "markdown.html", markdownPage(t, []byte(src), "night-trains.md"))
}

// TestSamplePages renders every Markdown sample under testdata/samples
// (written for this project by another engineer) to a golden page.
func TestSamplePages(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "samples", "*.md"))
	if len(files) == 0 {
		t.Skip("no Markdown samples in testdata/samples yet")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := "sample-" + strings.TrimSuffix(filepath.Base(f), ".md") + ".html"
			checkGolden(t, name, markdownPage(t, src, f))
		})
	}
}
