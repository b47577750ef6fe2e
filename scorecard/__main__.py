from scorecard.cli.app import main

main()
