package hotline

// SplitChannel returns the two unit codes of a channel id (see ChannelID),
// or false when id is not one.
func SplitChannel(id string) (a, b string, ok bool) { return splitChannel(id) }
