package hotline

// What the tests of package hotline_test reach inside the package.
var (
	ChannelsOf     = channelsOf
	ChannelBetween = channelBetween
)
