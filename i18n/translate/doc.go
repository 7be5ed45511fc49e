// Package translate translates the free text of hotline messages between
// Vietnamese, Lao and English.
//
// Every translator satisfies Translator (and so hotline.Translator). The
// hotline stores what a translator returns beside the original message,
// marks it as machine-made and records the engine name; a translation never
// replaces the original and never delays delivery.
//
// Two engines are provided:
//
//   - Glossary ("glossary") is built into the binary. It replaces the police,
//     border and drug-enforcement terms and the common hotline phrases of
//     glossary.json and keeps everything else as written. It is a term
//     glossary, not a translator: its output is a mixture of languages that
//     helps a reader find the names, places, drugs and quantities in a
//     message, and it is always shown as machine translation.
//   - LibreTranslate ("libretranslate") asks a self-hosted machine-translation
//     service with a LibreTranslate-compatible HTTP API.
//
// A Chain tries translators in order; New builds the chain a node's
// configuration asks for (LibreTranslate first and the glossary when the
// service fails, or the glossary alone). docs/translation.md explains the
// configuration and how to run the service.
//
// Every translator treats requests alike: an empty text is returned empty, a
// text whose source and target language are the same is returned unchanged,
// and a text that is not UTF-8 or holds control characters other than line
// breaks and tabs is refused with a borderlink.EInvalid error.
package translate
