import LeadTracCLI

await LeadTracCommand.main()
