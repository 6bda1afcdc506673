package docx

import (
	"fmt"
	"sort"
	"strings"
)

// fontInfo is a font table entry (word/fontTable.xml). Word and WPS match a missing font by its
// alternative name, PANOSE class, charset and family, so altName names the face a Windows
// machine without the GB2312-era fonts has (仿宋_GB2312 → 仿宋). LibreOffice ignores all of
// that and asks fontconfig for the name, which on Linux lands on the default sans-serif CJK
// face; free is the serif or sans face to alias each name to there (FontconfigConf).
type fontInfo struct {
	altName string
	panose  string // PANOSE-1, 10 bytes in hex
	charset string // 86 = GB2312, 00 = ANSI
	family  string // roman (serif), swiss (sans), modern (fixed pitch), auto
	pitch   string // fixed or variable
	free    string // fontconfig fallback family
}

const (
	freeSerif = "Noto Serif CJK SC"
	freeSans  = "Noto Sans CJK SC"
)

var fontTable = map[string]fontInfo{
	// 仿宋_GB2312 and 楷体_GB2312 are the fixed-pitch GB2312 faces the 公文 standard names.
	FontBody:     {altName: "仿宋", panose: "02010609030101010101", charset: "86", family: "modern", pitch: "fixed", free: freeSerif},
	FontHeading2: {altName: "楷体", panose: "02010609030101010101", charset: "86", family: "modern", pitch: "fixed", free: freeSerif},
	FontHeading1: {altName: "SimHei", panose: "02010609060101010101", charset: "86", family: "modern", pitch: "fixed", free: freeSans},
	FontTitle:    {altName: "华文中宋", panose: "02000000000000000000", charset: "86", family: "roman", pitch: "variable", free: freeSerif},
	FontPage:     {altName: "SimSun", panose: "02010600030101010101", charset: "86", family: "auto", pitch: "variable", free: freeSerif},
	FontLatin:    {altName: "Liberation Serif", panose: "02020603050405020304", charset: "00", family: "roman", pitch: "variable"},
}

// FontconfigConf is a fonts.conf for machines that convert .docx with LibreOffice (a server
// printing PDFs, the tests): it includes the system configuration and aliases the 公文 font
// names to the free Noto CJK faces (apt package fonts-noto-cjk), serif where the original is
// serif, so a PDF looks like the printed document instead of falling back to sans-serif.
// Use it with FONTCONFIG_FILE=path, or drop the aliases into /etc/fonts/local.conf.
func FontconfigConf() string {
	names := make([]string, 0, len(fontTable))
	for n, f := range fontTable {
		if f.free != "" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n<fontconfig>\n")
	b.WriteString("  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n")
	for _, n := range names {
		f := fontTable[n]
		for _, name := range []string{n, f.altName} {
			fmt.Fprintf(&b, "  <alias binding=\"same\"><family>%s</family><prefer><family>%s</family></prefer></alias>\n",
				esc(name), f.free)
		}
	}
	b.WriteString("</fontconfig>\n")
	return b.String()
}
