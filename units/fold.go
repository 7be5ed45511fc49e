package units

import "github.com/borderlink/borderlink/i18n/textfold"

// fold turns text into the form Search compares (see textfold.Fold):
// "Điện Biên" and "dien bien" meet, and so do the two spellings of ຫຼ.
func fold(s string) string { return textfold.Fold(s) }
