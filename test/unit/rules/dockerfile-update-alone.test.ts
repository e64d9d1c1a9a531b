// dockerfile-update-alone: a RUN that refreshes the package index without installing (CIS Docker 4.7).
import { dockerfileRuleTests } from '../../helpers/dockerfile-tester';

dockerfileRuleTests('dockerfile-update-alone', {
  valid: [
    { name: 'update and install in one RUN', text: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' },
    { name: 'over continuation lines', text: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl\n' },
    { name: 'apk update and add', text: 'FROM alpine:3.20\nRUN apk update && apk add --no-cache curl\n' },
    { name: 'apk add --no-cache alone', text: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n' },
    { name: 'apt-get upgrade with the update', text: 'FROM debian:12\nRUN apt-get -q update && apt-get -y upgrade\n' },
    { name: 'update as an argument', text: 'FROM debian:12\nRUN echo apt-get update\n' },
  ],
  invalid: [
    {
      name: 'the issue\'s case: update alone, install in the next RUN',
      text: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n',
      errors: [{ at: 'apt-get', message: '"apt-get update"' }],
    },
    { name: 'apk update alone', text: 'FROM alpine:3.20\nRUN apk update\nRUN apk add curl\n', errors: [{ at: 'apk' }] },
    { name: 'apt update with options, alone', text: 'FROM ubuntu:24.04\nRUN apt -qq update\n', errors: [{ at: 'apt', message: '"apt update"' }] },
    { name: 'through sudo, inside sh -c', text: 'FROM debian:12\nRUN sh -c "sudo apt-get update"\n', errors: [{ at: 'apt-get' }] },
  ],
});
