package epub

// styleFile is the stylesheet's name inside the book (EPUB/css/).
const styleFile = "folio.css"

// styleSheet is the book's only stylesheet. E-readers let their users pick
// font, size, margins and colours (night mode, sepia), so body text gets no
// font size, font family or colour here: sizes are relative (em), colours
// are left to the reader, and nothing uses properties strict stores reject
// (no position:fixed, no viewport units, no !important, no @font-face).
const styleSheet = `@charset "UTF-8";
@namespace epub "http://www.idpf.org/2007/ops";
body { margin: 0; padding: 0; widows: 2; orphans: 2; }
h1, h2, h3, h4, h5, h6 { line-height: 1.2; margin: 1.2em 0 0.5em; page-break-after: avoid; break-after: avoid; }
h1 { font-size: 1.6em; }
h2 { font-size: 1.3em; }
h3 { font-size: 1.15em; }
h4, h5, h6 { font-size: 1em; }
p { margin: 0 0 0.8em; }
blockquote { margin: 1em 1.5em; }
ul, ol { margin: 0 0 0.8em; padding-inline-start: 1.5em; }
dt { font-weight: bold; }
dd { margin: 0 0 0.5em 1.5em; }
pre { white-space: pre-wrap; font-family: monospace; font-size: 0.85em; margin: 1em 0; page-break-inside: avoid; }
code { font-family: monospace; }
hr { border: 0; border-top: 1px solid; margin: 1.5em 25%; opacity: 0.4; }
figure { margin: 1em 0; text-align: center; page-break-inside: avoid; break-inside: avoid; }
img { max-width: 100%; height: auto; }
figcaption { font-size: 0.9em; font-style: italic; margin-top: 0.3em; }
.image-missing { margin: 0; padding: 1em; border: 1px dashed #999; font-style: italic; text-align: center; }
.image-missing .label { display: block; font-style: normal; font-size: 0.8em; text-transform: uppercase; }
.credit { font-size: 0.8em; font-style: normal; display: block; }
table { border-collapse: collapse; margin: 1em 0; max-width: 100%; font-size: 0.9em; }
th, td { border: 1px solid; padding: 0.2em 0.4em; vertical-align: top; }
th { font-weight: bold; }
.titlepage { text-align: center; margin-top: 2em; }
.titlepage h1 { font-size: 1.8em; margin-bottom: 0.6em; }
.titlepage .standfirst { font-style: italic; margin: 0 0 1.2em; }
.titlepage .byline, .titlepage .date, .titlepage .source, .titlepage .tags { margin: 0 0 0.4em; }
.titlepage .tags { font-size: 0.9em; }
.titlepage.article-head { text-align: start; margin: 0 0 1.5em; padding-bottom: 0.6em; border-bottom: 1px solid; }
.titlepage .marking { font-size: 0.8em; font-weight: bold; letter-spacing: 0.1em; margin: 0 0 1em; }
.pack-list { text-align: start; margin: 1em 0 0; padding-left: 1.6em; }
.pack-list li { margin: 0 0 0.6em; }
.pack-src { font-size: 0.85em; }
a[epub|type~="noteref"] { vertical-align: super; font-size: 0.75em; line-height: 0; text-decoration: none; }
aside[epub|type~="footnote"] { margin: 0 0 0.8em; font-size: 0.9em; }
.footnote-label { font-weight: bold; }
/* Underlined: a link told apart from its text by colour alone is an
   accessibility failure (axe link-in-text-block, as Ace reports it). */
.footnote-back { text-decoration: underline; }
`
