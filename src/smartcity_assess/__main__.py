from smartcity_assess.cli import main

main()
