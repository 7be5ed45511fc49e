// Package vnlegacy finds Vietnamese text written in the two 8-bit font
// encodings that came before Unicode and turns it into Unicode NFC.
//
// Old provincial police spreadsheets were typed with fonts rather than
// encodings: the file holds ordinary bytes and the font draws them as
// Vietnamese letters. Two schemes dominate:
//
//   - TCVN3, also called ABC or VN3 (TCVN 5712:1993, part 3), with fonts
//     named .VnTime, .VnArial and so on, used mostly in the north. Every
//     Vietnamese letter is one byte in 0xA1–0xFE. There are only seven
//     capital letters (Ă Â Ê Ô Ơ Ư Đ); capitals with a tone mark are typed
//     as the lowercase byte and drawn upper case by an all-capitals font
//     such as .VnTimeH.
//   - VNI, or VNI-Windows, with fonts named VNI-Times, VNI-Helve and so on,
//     used mostly in the south. A toned or modified vowel is the plain ASCII
//     vowel followed by a mark byte ("a" + 0xF8 draws "à"); ơ, ư, đ, ỵ and
//     the toned i are single bytes of their own.
//
// Such a file reaches us already "decoded" by the spreadsheet or CSV reader,
// which takes each byte as the Windows-1252 (or Latin-1) character with
// that value, so "Hà Nội" arrives as "Hµ Néi" (TCVN3) or "Haø Noäi" (VNI).
// Searching, de-duplicating and screening names all fail on that text, and
// an officer reading it cannot tell a village from a typo. Detect
// recognises the two encodings, Decode converts, Fix does both, and
// DecodeBytes starts from the raw bytes of a file that is not UTF-8.
//
// Detection is deliberately cautious. It splits the text into words and
// asks of each whether it is a well-formed Vietnamese syllable as it
// stands, after TCVN3 decoding, and after VNI decoding. Only words that
// make sense in exactly one legacy reading count for it; words with real
// Vietnamese Unicode letters, or that make sense as they are, count
// against converting; non-Vietnamese words (English, French) weigh against
// it too. A legacy encoding is reported only when its evidence clearly
// outweighs everything else, because converting good Unicode text would
// corrupt it, while leaving a legacy cell unconverted merely leaves it as
// it was.
package vnlegacy
