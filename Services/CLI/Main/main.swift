import LeadTracCLI

await LeadTracCommand.runFromCommandLine()
