package translate_test

import (
	"context"
	"fmt"

	"github.com/borderlink/borderlink"
	"github.com/borderlink/borderlink/i18n/translate"
)

func ExampleGlossary() {
	g, err := translate.NewGlossary()
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	for _, to := range []borderlink.Lang{borderlink.LangEN, borderlink.LangLO} {
		out, engine, _ := g.Translate(ctx, "Thu giữ 2 bánh heroin tại cửa khẩu Lao Bảo.", borderlink.LangVI, to)
		fmt.Printf("%s (%s)\n", out, engine)
	}
	out, _, _ := g.Translate(ctx, "ຈັບກຸມຜູ້ຕ້ອງສົງໄສ 2 ຄົນ ພ້ອມຢາບ້າ 6.000 ເມັດ", borderlink.LangLO, borderlink.LangEN)
	fmt.Println(out)
	// Output:
	// Seized 2 blocks of heroin at border gate Lao Bao. (glossary)
	// ຍຶດ 2 ກ້ອນເຮໂຣອີນ ທີ່ ດ່ານຊາຍແດນ ລາວບາວ. (glossary)
	// Arrest suspect 2 people together with methamphetamine pills 6.000 pills
}

func ExampleNew() {
	// No service configured: the glossary alone. With Config.URL set, New
	// returns a Chain that asks the service first.
	tr, err := translate.New(translate.Config{})
	if err != nil {
		panic(err)
	}
	out, engine, err := tr.Translate(context.Background(), "Please confirm receipt.", borderlink.LangEN, borderlink.LangVI)
	fmt.Println(out, engine, err)
	// Output:
	// Đề nghị xác nhận đã nhận. glossary <nil>
}
