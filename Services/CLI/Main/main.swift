import LeadTracCLI

LeadTracCommand.main()
